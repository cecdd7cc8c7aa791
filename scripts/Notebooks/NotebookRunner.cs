using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Papers.Shared.Repro;
using Papers.Shared.Results;

namespace Papers.Notebooks.Runner;

/// <summary>The three modes: execute (run, write outputs), check (build only), strip (clear outputs).</summary>
public sealed class NotebookRunner(TextWriter log)
{
    /// <summary>
    /// Where a notebook's program is written: artifacts/notebooks/&lt;name&gt;-&lt;hash of its path&gt;/ in the repository
    /// (a stable place, so an unchanged program is not rebuilt), or the same under the temporary folder outside one.
    /// The file is not named after the notebook alone, whose assembly name could clash with a paper's (gcn, Gcn).
    /// </summary>
    public static string GeneratedPath(string notebookPath)
    {
        var full = Path.GetFullPath(notebookPath);
        var stem = Path.GetFileNameWithoutExtension(full);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..8];
        var root = RepoRoot.Find(Path.GetDirectoryName(full)) is { } repository ? Path.Combine(repository, "artifacts") : Path.GetTempPath();
        return Path.Combine(root, "notebooks", $"{stem}-{id}", $"{stem}-notebook.cs");
    }

    public bool Execute(string path)
    {
        var clock = Stopwatch.StartNew();
        var (notebook, generated) = Prepare(path);
        var run = Dotnet(["run", "--file", generated], Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (run.Splitter.CurrentCell is null)
            return run.ExitCode == 0 ? Fail($"{notebook.Name}: the program ran no cell") : BuildFailed(notebook, run);

        var outputs = WithoutFolder(run.Splitter.Outputs, Path.GetDirectoryName(generated)!);
        var written = false;
        if (notebook.HoldsOutputs) WriteIfChanged(path, notebook.WithOutputs(outputs), out written);
        else PrintOutputs(notebook, outputs);
        if (run.ExitCode != 0) return RunFailed(notebook, run, outputs);
        if (run.Errors.Length > 0) log.Write(run.Errors);
        log.WriteLine($"{notebook.Name}: {outputs.Count} code cells ran in {clock.Elapsed.TotalSeconds:F1} s; " +
                      (!notebook.HoldsOutputs ? "a .dib keeps no outputs" : written ? "outputs written" : "outputs unchanged"));
        return true;
    }

    public bool Check(string path)
    {
        var (notebook, generated) = Prepare(path);
        var build = Dotnet(["build", generated], Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (build.ExitCode != 0) return BuildFailed(notebook, build);
        log.WriteLine($"{notebook.Name}: builds");
        return true;
    }

    public bool Strip(string path)
    {
        var notebook = NotebookDocument.Load(path);
        if (!notebook.HoldsOutputs)
        {
            log.WriteLine($"{notebook.Name}: a .dib holds no outputs");
            return true;
        }
        WriteIfChanged(path, notebook.Stripped(), out var written);
        log.WriteLine($"{notebook.Name}: outputs {(written ? "cleared" : "already clear")}");
        return true;
    }

    /// <summary>Stack traces name cells as <c>gcn.ipynb#cell5</c>, not by where the runner wrote the program.</summary>
    private static Dictionary<int, IReadOnlyList<CellOutput>> WithoutFolder(IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> outputs, string folder) =>
        outputs.ToDictionary(p => p.Key, p => (IReadOnlyList<CellOutput>)p.Value.Select(o => o is ErrorOutput e
            ? e with { Traceback = e.Traceback.Select(t => t.Replace(folder + Path.DirectorySeparatorChar, "")).ToList() }
            : o).ToList());

    private static (NotebookDocument Notebook, string Generated) Prepare(string path)
    {
        var notebook = NotebookDocument.Load(path);
        var program = Translator.Translate(notebook, Path.GetDirectoryName(Path.GetFullPath(path))!);
        var generated = GeneratedPath(path);
        WriteIfChanged(generated, program.Source, out _);
        return (notebook, generated);
    }

    /// <summary>Writes only when the text differs, so an unchanged file keeps its time stamp and skips the rebuild.</summary>
    private static void WriteIfChanged(string path, string text, out bool written)
    {
        written = !File.Exists(path) || File.ReadAllText(path) != text;
        if (written) AtomicFile.WriteAllText(path, text);
    }

    private bool BuildFailed(NotebookDocument notebook, DotnetRun run)
    {
        var output = run.Splitter.Preamble + run.Errors;
        var diagnostics = Diagnostics.Parse(output, notebook.Name).Where(d => d.Severity == "error").ToList();
        if (diagnostics.Count == 0) return Fail($"{notebook.Name}: the build failed (exit code {run.ExitCode}):\n{output.Trim()}");
        foreach (var d in diagnostics) log.WriteLine(Diagnostics.Describe(d, notebook));
        return Fail($"{notebook.Name}: {diagnostics.Count} compile error(s)");
    }

    private bool RunFailed(NotebookDocument notebook, DotnetRun run, IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> outputs)
    {
        var cell = run.Splitter.ErrorCell ?? run.Splitter.CurrentCell;
        if (outputs.TryGetValue(cell ?? 0, out var cellOutputs) && cellOutputs.OfType<ErrorOutput>().FirstOrDefault() is { } error)
        {
            var where = Diagnostics.Locate(error.Traceback, notebook.Name) is var (c, line) && c == cell
                ? $"{notebook.Name}, cell {c}, line {line}: {error.Name}: {error.Value}" + Diagnostics.SourceLine(notebook, c, line)
                : $"{notebook.Name}, cell {cell}: {error.Name}: {error.Value}";
            log.WriteLine(where);
            log.WriteLine(string.Join('\n', error.Traceback.Select(t => "    " + t.TrimEnd())));
            return Fail($"{notebook.Name}: stopped by an exception in cell {cell}");
        }
        return Fail($"{notebook.Name}: the program exited with code {run.ExitCode} in cell {cell}\n{run.Errors.Trim()}");
    }

    private void PrintOutputs(NotebookDocument notebook, IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> outputs)
    {
        foreach (var (cell, cellOutputs) in outputs.OrderBy(p => p.Key))
        {
            log.WriteLine($"── {notebook.Name}, cell {cell}");
            foreach (var output in cellOutputs)
            {
                log.Write(output switch
                {
                    StreamOutput s => s.Text,
                    DisplayOutput d => d.Data.Text + "\n",
                    ErrorOutput e => $"{e.Name}: {e.Value}\n",
                    _ => "",
                });
            }
        }
    }

    private bool Fail(string message)
    {
        log.WriteLine(message);
        return false;
    }

    private sealed record DotnetRun(int ExitCode, OutputSplitter Splitter, string Errors);

    /// <summary>Runs the dotnet CLI with the protocol switched on, splitting standard output as it arrives.</summary>
    private DotnetRun Dotnet(string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment[Protocol.EnvironmentVariable] = "1";
        var splitter = new OutputSplitter();
        var errors = new StringBuilder();
        NotebookException? malformed = null;
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null || malformed is not null) return;
            try
            {
                splitter.Add(e.Data);
            }
            catch (NotebookException ex)
            {
                malformed = ex;
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            errors.Append(e.Data).Append('\n');
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        if (malformed is not null) throw malformed;
        return new DotnetRun(process.ExitCode, splitter, errors.ToString());
    }
}
