using System.Diagnostics;
using System.Text.Json.Nodes;
using Papers.Notebooks.Runner;

namespace Papers.Notebooks.Tests;

/// <summary>
/// The runner on small notebooks in .NET Interactive's C# kernel (a few seconds each): outputs land in their cells,
/// the first failing cell stops the run with its cell (and line, where the compiler gives one) and a non-zero exit.
/// </summary>
public class RunnerEndToEndTests
{
    [Fact]
    public void AFailingCellStopsTheRunnerAtThatCellWithExitCodeOne()
    {
        var path = Write("runtime", TestNotebooks.Ipynb(
            ("markdown", "# A notebook"),
            ("code", "record Point(int X, int Y);\nvar p = new Point(1, 2);\nConsole.WriteLine(\"hello\");\ndisplay(\"shown\");"),
            ("code", "var items = new int[2];\nConsole.WriteLine(items[p.Y + 1]);"),
            ("code", "Console.WriteLine(\"never\");")));

        var (exitCode, output) = RunRunner("execute", path);

        Assert.Equal(1, exitCode);
        Assert.Contains("nb.ipynb, cell 3: System.IndexOutOfRangeException: Index was outside the bounds of the array.", output);
        Assert.Contains("nb.ipynb: stopped at cell 3", output);
        var cells = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();
        Assert.Equal("""[{"name":"stdout","output_type":"stream","text":["hello\n"]},{"data":{"text/plain":["shown"]},"metadata":{},"output_type":"display_data"}]""",
            cells[1]!["outputs"]!.ToJsonString());
        var error = cells[2]!["outputs"]![0]!;
        Assert.Equal(("error", "System.IndexOutOfRangeException"), (error["output_type"]!.GetValue<string>(), error["ename"]!.GetValue<string>()));
        Assert.Empty(cells[3]!["outputs"]!.AsArray());
        Assert.Null(cells[3]!["execution_count"]);
    }

    [Fact]
    public async Task ACompileErrorIsReportedAtItsCellLineAndColumnByExecuteAndByCheck()
    {
        var path = Write("compile", TestNotebooks.Ipynb(("code", "var a = 1;"), ("code", "Console.WriteLine(a);\nConsole.WriteLine(a + b);"), ("code", "a")));
        const string expected = "nb.ipynb, cell 2, line 2, column 23: error CS0103: The name 'b' does not exist in the current context\n    | Console.WriteLine(a + b);";

        var checkLog = new StringWriter();
        Assert.False(await new NotebookRunner(checkLog).CheckAsync(path));
        Assert.Contains(expected, checkLog.ToString());

        var executeLog = new StringWriter();
        Assert.False(await new NotebookRunner(executeLog).ExecuteAsync(path));
        Assert.Contains(expected, executeLog.ToString());
    }

    [Fact]
    public async Task AnUnchangedNotebookRunAgainIsWrittenWithTheSameBytes()
    {
        var path = Write("stable", TestNotebooks.Ipynb(("code", "using System.Text;\nvar text = new StringBuilder(\"Σ ±\").Append(1.5).ToString();\nConsole.WriteLine(text);\ntext")));
        var log = new StringWriter();

        Assert.True(await new NotebookRunner(log).ExecuteAsync(path));
        var first = File.ReadAllBytes(path);
        Assert.True(await new NotebookRunner(log).ExecuteAsync(path));

        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Contains("nb.ipynb: 1 code cells ran in", log.ToString());
        Assert.Contains("outputs unchanged", log.ToString());
        var cell = JsonNode.Parse(File.ReadAllText(path))!["cells"]![0]!;
        Assert.Matches("^[0-9a-f]{8}$", cell["id"]!.GetValue<string>());
        Assert.Equal("""{"text/plain":["Σ ±1.5"]}""", cell["outputs"]![1]!["data"]!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task StripClearsOutputsAndKeepsTheNotebooksMetadata()
    {
        var path = Write("strip", TestNotebooks.Ipynb(("code", "display(1);")));
        var log = new StringWriter();
        Assert.True(await new NotebookRunner(log).ExecuteAsync(path));

        Assert.True(new NotebookRunner(log).Strip(path));

        var notebook = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Empty(notebook["cells"]![0]!["outputs"]!.AsArray());
        Assert.Equal("csharp", notebook["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
    }

    /// <summary>The runner as CI starts it, in a process of its own: its exit code and everything it printed.</summary>
    private static (int ExitCode, string Output) RunRunner(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(NotebookRunner).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors);
    }

    internal static string Write(string name, string notebook)
    {
        var folder = Path.Combine(Path.GetTempPath(), "papers-notebook-tests", name);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "nb.ipynb");
        File.WriteAllText(path, notebook);
        return path;
    }
}
