using System.Diagnostics;
using Papers.Notebooks.Runner;

// notebooks [execute|check|strip] [notebook.ipynb|notebook.dib ...]; no notebook named: every notebooks/*.ipynb.
const string usage = "usage: notebooks [execute|check|strip] [notebook.ipynb|notebook.dib ...]\n" +
                     "  execute  run every code cell in the C# kernel and write the outputs into the notebook (the default)\n" +
                     "  check    compile every code cell, each after the ones before it, without running any\n" +
                     "  strip    clear every output";
string[] modes = ["execute", "check", "strip"];
if (args is ["--help" or "-h", ..])
{
    Console.WriteLine(usage);
    return 0;
}
var mode = args.Length > 0 && modes.Contains(args[0]) ? args[0] : "execute";
var paths = args.Skip(args.Length > 0 && modes.Contains(args[0]) ? 1 : 0).ToList();
if (paths.FirstOrDefault(p => p.StartsWith('-')) is { } flag)
{
    Console.Error.WriteLine($"unknown option '{flag}'\n{usage}");
    return 2;
}
if (paths.Count == 0)
{
    var folder = Path.Combine(RepositoryRoot(Environment.CurrentDirectory), "notebooks");
    paths = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
    if (paths.Count == 0)
    {
        Console.Error.WriteLine($"no notebooks in {folder}");
        return 2;
    }
}

// Each notebook runs in a process of its own, as each runs in a kernel of its own in Polyglot: the assemblies one
// notebook loads (its paper's build) stay loaded for the life of the process.
if (paths.Count > 1 && mode != "strip")
{
    var failures = paths.Count(path => RunAlone(mode, path) != 0);
    if (failures > 0) Console.WriteLine($"{failures} of {paths.Count} notebooks failed");
    return failures > 0 ? 1 : 0;
}

var runner = new NotebookRunner(Console.Out);
var failed = 0;
foreach (var path in paths)
{
    try
    {
        if (!File.Exists(path)) throw new NotebookException($"{path}: no such notebook");
        var ok = mode switch
        {
            "check" => await runner.CheckAsync(path),
            "strip" => runner.Strip(path),
            _ => await runner.ExecuteAsync(path),
        };
        if (!ok) failed++;
    }
    catch (NotebookException e)
    {
        Console.WriteLine(e.Message);
        failed++;
    }
}
if (failed > 0 && paths.Count > 1) Console.WriteLine($"{failed} of {paths.Count} notebooks failed");
return failed > 0 ? 1 : 0;

static int RunAlone(string mode, string path)
{
    var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet") start.ArgumentList.Add(typeof(NotebookRunner).Assembly.Location);
    foreach (var argument in new[] { mode, path }) start.ArgumentList.Add(argument);
    using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the runner");
    process.WaitForExit();
    return process.ExitCode;
}

/// <summary>The folder holding papers.sln, from <paramref name="folder"/> up.</summary>
static string RepositoryRoot(string folder)
{
    for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "papers.sln"))) return dir.FullName;
    throw new NotebookException($"{folder} is not inside the repository (no papers.sln above it); name the notebooks to run");
}
