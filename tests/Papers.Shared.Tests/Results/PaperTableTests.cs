namespace Papers.Shared.Tests;

using Papers.Shared.Results;

public class PaperTableTests
{
    internal static readonly TableRow[] Table2 =
    [
        new("Table 2", "Cora", "accuracy", "mean over 10 seeds", 81.5, 81.66, 0.68, 10),
        new("Table 2", "Citeseer", "accuracy", "mean over 10 seeds", 70.3, 69.1234, 1.05, 10),
    ];

    [Fact]
    public void PlainTextPutsOursBesidePaperWithOneMoreDecimalAndTheDifference()
    {
        TableRow[] rows = [.. Table2, new("Table 3", "Pubmed", "time (s)", "one run", null, 12.5, double.NaN, 1)];
        Assert.Equal(
            "Table 2\n" +
            "  row       column    statistic           paper  ours (mean ± std, n)      Δ\n" +
            "  Cora      accuracy  mean over 10 seeds   81.5   81.66 ± 0.68 (n=10)  +0.16\n" +
            "  Citeseer  accuracy  mean over 10 seeds   70.3   69.12 ± 1.05 (n=10)  -1.18\n" +
            "Table 3\n" +
            "  row     column    statistic  paper  ours (mean ± std, n)  Δ\n" +
            "  Pubmed  time (s)  one run                    12.50 (n=1)\n",
            PaperTable.Format(rows));
    }

    [Theory]
    [InlineData(0.52, 0.5, "0.500", "-0.020")]        // the paper prints 2 decimals: ours gets 3
    [InlineData(80.0, 80.26, "80.3", "+0.3")]         // an integer paper value: ours gets 1
    [InlineData(null, 143.0, "143.0", "")]            // no paper value: 4 significant digits
    [InlineData(null, 0.012345, "0.01235", "")]
    public void DecimalsFollowThePapersPrecision(double? paper, double ours, string shownOurs, string shownDelta)
    {
        var cells = PaperTable.Format([new TableRow("T", "r", "c", "s", paper, ours, double.NaN, 1)]).Split('\n')[2];
        Assert.EndsWith($"{shownOurs} (n=1)  {shownDelta}".TrimEnd(), cells);
    }
}
