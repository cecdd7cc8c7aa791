using Papers.Notebooks.Runner;

namespace Papers.Notebooks.Tests;

public class OutputSplitterTests
{
    private const string M = Protocol.Marker;

    [Fact]
    public void TextBetweenCellMarkersBelongsToThatCell()
    {
        var splitter = OutputSplitter.Split([$"{M}cell 2", "a", "b", $"{M}cell 4", "c"]);
        Assert.Equal([new StreamOutput("a\nb\n")], splitter.Outputs[2]);
        Assert.Equal([new StreamOutput("c\n")], splitter.Outputs[4]);
    }

    [Fact]
    public void CellWithoutOutputIsStillRecordedAsRun()
    {
        var splitter = OutputSplitter.Split([$"{M}cell 1", $"{M}cell 2", "x"]);
        Assert.Empty(splitter.Outputs[1]);
        Assert.Equal(2, splitter.Outputs.Count);
    }

    [Fact]
    public void DisplayDirectiveBecomesADisplayOutputBetweenStreams()
    {
        var data = new DisplayData("42", Html: "<b>42</b>");
        var splitter = OutputSplitter.Split([$"{M}cell 1", "before", Protocol.Display(data), "after"]);
        Assert.Equal([new StreamOutput("before\n"), new DisplayOutput(data), new StreamOutput("after\n")], splitter.Outputs[1]);
    }

    [Fact]
    public void MarkerAfterTextOnTheSameLineSplitsTheLine()
    {
        // Console.Write("no newline") at the end of cell 1, then cell 2's marker on the same line.
        var splitter = OutputSplitter.Split([$"{M}cell 1", $"no newline{M}cell 2", "next"]);
        Assert.Equal([new StreamOutput("no newline")], splitter.Outputs[1]);
        Assert.Equal([new StreamOutput("next\n")], splitter.Outputs[2]);
    }

    [Fact]
    public void ErrorDirectiveRecordsTheExceptionAndItsCell()
    {
        var splitter = OutputSplitter.Split([
            $"{M}cell 3", "partial",
            $$"""{{M}}error {"ename":"System.InvalidOperationException","evalue":"bad","traceback":["System.InvalidOperationException: bad","   at Program.<Main>$(String[] args) in nb.ipynb#cell3:line 2"]}""",
        ]);
        Assert.Equal(3, splitter.ErrorCell);
        var error = Assert.IsType<ErrorOutput>(splitter.Outputs[3][1]);
        Assert.Equal(("System.InvalidOperationException", "bad"), (error.Name, error.Value));
        Assert.Equal(2, error.Traceback.Count);
    }

    [Fact]
    public void TextBeforeTheFirstCellIsThePreamble()
    {
        var splitter = OutputSplitter.Split(["warning NU1603: something", $"{M}cell 1", "x"]);
        Assert.Equal("warning NU1603: something\n", splitter.Preamble);
        Assert.Null(OutputSplitter.Split(["build output only"]).CurrentCell);
    }

    [Theory]
    [InlineData($"{M}cell 1\n{M}shout hello", "line 2: unknown directive 'shout'")]
    [InlineData($"{M}display {{\"text/plain\":\"x\"}}", "line 1: display directive before any cell")]
    [InlineData($"{M}cell one", "line 1: cell directive with 'one' for a cell number")]
    [InlineData($"{M}cell 1\n{M}display {{\"image/gif\":\"x\"}}", "line 2: display data: unknown mime type 'image/gif'")]
    [InlineData($"{M}cell 1\n{M}display not json", "line 2: directive payload is not JSON")]
    public void MalformedDirectiveIsRefusedWithItsLine(string output, string message)
    {
        var e = Assert.Throws<NotebookException>(() => OutputSplitter.Split(output.Split('\n')));
        Assert.Contains(message, e.Message);
    }
}
