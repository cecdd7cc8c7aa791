using System.Text.Json.Nodes;
using Papers.Notebooks.Runner;

namespace Papers.Notebooks.Tests;

public class NotebookDocumentTests
{
    [Fact]
    public void CellsAreNumberedFromOneCountingEveryCell()
    {
        var notebook = TestNotebooks.Parse(("markdown", "# t"), ("code", "var a = 1;"), ("raw", "r"));
        Assert.Equal([new Cell(1, CellKind.Markdown, "csharp", "# t"), new Cell(2, CellKind.Code, "csharp", "var a = 1;"), new Cell(3, CellKind.Raw, "csharp", "r")],
            notebook.Cells);
    }

    [Fact]
    public void SourceGivenAsLinesIsJoined()
    {
        var json = JsonNode.Parse(TestNotebooks.Ipynb(("code", "")))!;
        json["cells"]![0]!["source"] = new JsonArray("var a = 1;\n", "var b = 2;");
        var notebook = NotebookDocument.ParseIpynb("nb.ipynb", json.ToJsonString());
        Assert.Equal("var a = 1;\nvar b = 2;", notebook.Cells[0].Source);
    }

    [Fact]
    public void OutputsGoIntoTheCellsThatRanWithCountsInOrder()
    {
        var notebook = TestNotebooks.Parse(("code", "a"), ("markdown", "m"), ("code", "b"), ("code", "c"));
        var text = notebook.WithOutputs(new Dictionary<int, IReadOnlyList<CellOutput>>
        {
            [1] = [new StreamOutput("one\ntwo\n")],
            [3] = [new DisplayOutput(new DisplayData("x", Png: "iVBOR"))],
        });
        var cells = JsonNode.Parse(text)!["cells"]!.AsArray();
        Assert.Equal(1, cells[0]!["execution_count"]!.GetValue<int>());
        Assert.Equal("""["one\n","two\n"]""", cells[0]!["outputs"]![0]!["text"]!.ToJsonString());
        Assert.Equal(2, cells[2]!["execution_count"]!.GetValue<int>());
        Assert.Equal("iVBOR", cells[2]!["outputs"]![0]!["data"]!["image/png"]!.GetValue<string>());
        Assert.Null(cells[3]!["execution_count"]);
        Assert.Empty(cells[3]!["outputs"]!.AsArray());
    }

    [Fact]
    public void WrittenJsonIsSortedIndentedByOneAndKeepsUnicode()
    {
        var notebook = TestNotebooks.Parse(("code", "// Â ± Σ"));
        var text = notebook.Stripped();
        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"id\": ", text);
        Assert.Contains("\"source\": \"// Â ± Σ\"", text);
        Assert.EndsWith("\"nbformat_minor\": 5\n}\n", text);
    }

    [Fact]
    public void MissingCellIdsAreDerivedFromTheCellSoRewritingIsStable()
    {
        var notebook = TestNotebooks.Parse(("code", "var a = 1;"), ("code", "var a = 1;"));
        var ids = JsonNode.Parse(notebook.Stripped())!["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{8}$", id));
        Assert.Equal(notebook.Stripped(), NotebookDocument.ParseIpynb("nb.ipynb", notebook.Stripped()).Stripped());
    }

    [Fact]
    public void DibSectionsBecomeCellsAndTheMetaSectionIsSkipped()
    {
        const string dib = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n" +
                           "#!markdown\n\n# Title\n\n#!csharp\n\nvar a = 1;\n#!time\na\n";
        var notebook = NotebookDocument.ParseDib("nb.dib", dib);
        Assert.False(notebook.HoldsOutputs);
        Assert.Equal([new Cell(1, CellKind.Markdown, "markdown", "# Title"), new Cell(2, CellKind.Code, "csharp", "var a = 1;\n#!time\na")], notebook.Cells);
    }

    [Theory]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "nbformat 3; the runner reads nbformat 4")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"nbformat\": 4}", "no \"cells\" array")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"widget\"}]}", "cell 1 has cell_type 'widget'")]
    public void MalformedNotebookIsRefusedSayingWhy(string json, string message)
    {
        var e = Assert.Throws<NotebookException>(() => NotebookDocument.ParseIpynb("nb.ipynb", json));
        Assert.Equal($"nb.ipynb: {message}", e.Message);
    }
}
