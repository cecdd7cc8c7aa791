using System.Text.Json.Nodes;
using Papers.Notebooks.Runner;

namespace Papers.Notebooks.Tests;

/// <summary>
/// The runner on real notebooks through the dotnet CLI (a few seconds each): the program builds from the cells,
/// its output lands in the right cells, and errors name their cell and line. The notebooks live in a fixed folder
/// under the temporary directory, so a second test run reuses the build.
/// </summary>
public class RunnerEndToEndTests
{
    [Fact]
    public void OutputsLandInTheirCellsAndARuntimeErrorStopsTheRunAtItsCellAndLine()
    {
        var path = Write("runtime", TestNotebooks.Ipynb(
            ("markdown", "# A notebook"),
            ("code", "record Point(int X, int Y);\nvar p = new Point(1, 2);\nConsole.WriteLine(\"hello\");\np"),
            ("code", "var items = new int[2];\nConsole.WriteLine(items[p.Y + 1]);"),
            ("code", "Console.WriteLine(\"never\");")));
        var log = new StringWriter();

        Assert.False(new NotebookRunner(log).Execute(path));

        Assert.Contains("nb.ipynb, cell 3, line 2: System.IndexOutOfRangeException: Index was outside the bounds of the array.\n    | Console.WriteLine(items[p.Y + 1]);", log.ToString());
        var cells = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();
        Assert.Equal("""[{"name":"stdout","output_type":"stream","text":["hello\n","Point { X = 1, Y = 2 }\n"]}]""", cells[1]!["outputs"]!.ToJsonString());
        var error = cells[2]!["outputs"]![0]!;
        Assert.Equal(("error", "System.IndexOutOfRangeException"), (error["output_type"]!.GetValue<string>(), error["ename"]!.GetValue<string>()));
        Assert.Contains(error["traceback"]!.AsArray(), line => line!.GetValue<string>().EndsWith(" in nb.ipynb#cell3:line 2"));
        Assert.Empty(cells[3]!["outputs"]!.AsArray());
    }

    [Fact]
    public void CompileErrorIsReportedAtItsCellLineAndColumn()
    {
        var path = Write("compile", TestNotebooks.Ipynb(("code", "var a = 1;"), ("code", "Console.WriteLine(a);\nConsole.WriteLine(a + b);")));
        var log = new StringWriter();

        Assert.False(new NotebookRunner(log).Check(path));

        Assert.Contains("nb.ipynb, cell 2, line 2, column 23: error CS0103: The name 'b' does not exist in the current context\n    | Console.WriteLine(a + b);", log.ToString());
    }

    private static string Write(string name, string notebook)
    {
        var folder = Path.Combine(Path.GetTempPath(), "papers-notebook-tests", name);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "nb.ipynb");
        File.WriteAllText(path, notebook);
        return path;
    }
}
