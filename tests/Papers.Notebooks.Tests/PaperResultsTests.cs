namespace Papers.Notebooks.Tests;

public sealed class PaperResultsTests : IDisposable
{
    private const string Csv = "table,row,column,statistic,paper,ours_mean,ours_std,n\nTable 2,GCN (this paper),cora,mean over 100,81.5,81.4,0.5,100\n";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("notebook-results-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void FullRunResultsAreFoundBeforeQuickOnes()
    {
        Write("artifacts/gcn/table2.csv", Csv);
        Assert.Equal(new ResultsFile(Path.Combine(_root.FullName, "artifacts/gcn/table2.csv"), IsQuick: true), PaperResults.Find("gcn", "table2.csv", _root.FullName));
        Write("results/gcn/table2.csv", Csv);
        Assert.Equal(new ResultsFile(Path.Combine(_root.FullName, "results/gcn/table2.csv"), IsQuick: false), PaperResults.Find("gcn", "table2.csv", _root.FullName));
    }

    [Fact]
    public void FullRunTableIsShownWithoutANote()
    {
        Write("results/gcn/table2.csv", Csv);
        var table = PaperResults.Table("gcn", "table2.csv", _root.FullName);
        Assert.StartsWith("<table>", table.Content);
        Assert.Contains("81.40 ± 0.50 (n=100)", table.Text);
    }

    [Fact]
    public void QuickRunTableIsShownUnderANoteSayingSo()
    {
        Write("artifacts/gcn/table2.csv", Csv);
        var table = PaperResults.Table("gcn", "table2.csv", _root.FullName);
        Assert.StartsWith("<p>results/gcn/table2.csv is not there yet; showing the quick run&#39;s artifacts/gcn/table2.csv", table.Content);
        Assert.Contains("<table>", table.Content);
    }

    [Fact]
    public void AbsentTableIsANoteNotAFailure()
    {
        var table = PaperResults.Table("gcn", "table3.csv", _root.FullName);
        Assert.Equal("results/gcn/table3.csv is not there yet: a full run of papers/gcn writes it (its README gives the command).", table.Text);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
