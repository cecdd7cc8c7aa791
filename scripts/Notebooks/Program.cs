using Papers.Notebooks.Runner;
using Papers.Shared.Repro;

// notebooks [execute|check|strip] [notebook.ipynb|notebook.dib ...]; no notebook named: every notebooks/*.ipynb.
const string usage = "usage: notebooks [execute|check|strip] [notebook.ipynb|notebook.dib ...]\n" +
                     "  execute  run every C# cell and write the outputs into the notebook (the default)\n" +
                     "  check    build the notebook's program without running it\n" +
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
    var folder = Path.Combine(RepoRoot.Require(), "notebooks");
    paths = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
    if (paths.Count == 0)
    {
        Console.Error.WriteLine($"no notebooks in {folder}");
        return 2;
    }
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
            "check" => runner.Check(path),
            "strip" => runner.Strip(path),
            _ => runner.Execute(path),
        };
        if (!ok) failed++;
    }
    catch (NotebookException e)
    {
        Console.WriteLine(e.Message);
        failed++;
    }
}
if (failed > 0) Console.WriteLine($"{failed} of {paths.Count} notebooks failed");
return failed > 0 ? 1 : 0;
