using Papers.Notebooks.Runner;

namespace Papers.Notebooks.Tests;

public class DiagnosticsTests
{
    [Fact]
    public void CompilerErrorInACellMapsToItsCellLineAndColumn()
    {
        const string output = "/tmp/x/notebooks/gcn-1a2b3c4d/gcn.ipynb#cell7(3,15): error CS0103: The name 'grph' does not exist in the current context [/tmp/x/gcn-notebook.csproj]";
        var d = Assert.Single(Diagnostics.Parse(output, "gcn.ipynb"));
        Assert.Equal(new Diagnostic(7, 3, 15, "error", "CS0103", "The name 'grph' does not exist in the current context"), d);
    }

    [Fact]
    public void RepeatedMessagesAreReportedOnce()
    {
        const string line = "nb.ipynb#cell2(1,1): error CS1002: ; expected";
        Assert.Single(Diagnostics.Parse($"{line}\n{line}\n", "nb.ipynb"));
    }

    [Fact]
    public void MessageOutsideTheNotebookHasNoCell()
    {
        var d = Assert.Single(Diagnostics.Parse("/tmp/app.cs.csproj : error NU1101: Unable to find package Nope.", "nb.ipynb"));
        Assert.Equal((null, "NU1101"), (d.Cell, d.Code));
        Assert.Equal("error NU1101: Unable to find package Nope.", Diagnostics.Describe(d, TestNotebooks.Parse(("code", "var a = 1;"))));
    }

    [Fact]
    public void CellOfAnotherNotebookWithTheSameCellNameIsNotMapped()
    {
        var d = Assert.Single(Diagnostics.Parse("other.ipynb#cell2(1,1): error CS1002: ; expected", "nb.ipynb"));
        Assert.Null(d.Cell);
    }

    [Fact]
    public void DescriptionQuotesTheCellsLine()
    {
        var notebook = TestNotebooks.Parse(("markdown", "# t"), ("code", "var a = 1;\nvar b = a + c;"));
        var d = new Diagnostic(2, 2, 13, "error", "CS0103", "The name 'c' does not exist in the current context");
        Assert.Equal("nb.ipynb, cell 2, line 2, column 13: error CS0103: The name 'c' does not exist in the current context\n    | var b = a + c;",
            Diagnostics.Describe(d, notebook));
    }

    [Fact]
    public void StackTraceIsLocatedAtTheInnermostCellFrame()
    {
        string[] traceback =
        [
            "System.ArgumentException: bad",
            "   at Papers.Gcn.Planetoid.Load(String name) in papers/gcn/Planetoid.cs:line 37",
            "   at Program.<Main>$(String[] args) in gcn.ipynb#cell7:line 1",
        ];
        Assert.Equal((7, 1), Diagnostics.Locate(traceback, "gcn.ipynb"));
        Assert.Null(Diagnostics.Locate(traceback[..2], "gcn.ipynb"));
    }
}
