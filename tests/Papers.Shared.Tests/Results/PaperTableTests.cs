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
            "  row       column    statistic  paper  ours (mean ± std, n)      Δ\n" +
            "  Cora      accuracy  [1]         81.5   81.66 ± 0.68 (n=10)  +0.16\n" +
            "  Citeseer  accuracy  [1]         70.3   69.12 ± 1.05 (n=10)  -1.18\n" +
            "  [1] mean over 10 seeds\n" +
            "Table 3\n" +
            "  row     column    statistic  paper  ours (mean ± std, n)  Δ\n" +
            "  Pubmed  time (s)  [1]                        12.50 (n=1)\n" +
            "  [1] one run\n",
            PaperTable.Format(rows));
    }

    /// <summary>Table 2 of ProdLDA as a run prints it: statistics of some 200 characters, two rows to each.</summary>
    internal static readonly TableRow[] LongStatistics =
    [
        .. new[] { "ProdLDA", "NVLDA", "LDA collapsed Gibbs" }.SelectMany(model => new[]
        {
            new TableRow("Table 2", model, "20ng K=50", "the authors' perplexity exp(mean_d cost_d / N_d) over the 7487 test documents; " + How(model), 1172, 1166.6, 7.1, 3),
            new TableRow("Table 2", model, "20ng K=50", "corpus perplexity exp(Σ cost_d / Σ N_d) over the 7487 test documents; " + How(model), null, 1201.3, 6.8, 3),
        }),
        new("Table 2", "all models", "rcv1 K=50", "needs data: RCV1-v2 (Lewis et al. 2004, https://www.jmlr.org/papers/volume5/lewis04a/lyrl2004_rcv1v2_README.htm) " +
            "in the 10,000-word bag-of-words form of NVDM (Miao et al. 2016), which is not in the data folder", null, double.NaN, double.NaN, 0),
    ];

    private static string How(string model) => model == "LDA collapsed Gibbs"
        ? "topics fixed, θ from 5 fold-in sweeps over each test document"
        : "−ELBO, each test document alone (batch norm on one row, as the authors' test()), 20 draws of ε";

    [Fact]
    public void LongStatisticsBecomeNumberedNotesAndEveryLineFitsTheWidth()
    {
        var lines = PaperTable.Format(LongStatistics).TrimEnd('\n').Split('\n');

        Assert.All(lines, line => Assert.True(line.Length <= PaperTable.Width, $"{line.Length} columns: {line}"));
        var rows = lines[2..(2 + LongStatistics.Length)];
        Assert.Equal(["[1]", "[2]", "[1]", "[2]", "[3]", "[4]", "[5]"], rows.Select(row => row.Split("  ", StringSplitOptions.RemoveEmptyEntries)[2]));
        // Each distinct statistic once, in order of first use: "  [n] " and its text, wrapped lines continued under it.
        var noteLines = lines[(2 + LongStatistics.Length)..];
        Assert.All(noteLines, line => Assert.Matches(@"^  (\[\d\]|   ) \S", line));
        var statistics = LongStatistics.Select(r => r.Statistic).Distinct().Select((statistic, i) => $"[{i + 1}] {statistic}");
        Assert.Equal(string.Join(' ', statistics), string.Join(' ', noteLines.Select(line => line.Trim())));
    }

    [Fact]
    public void ANoteWrapsBetweenWordsUnderItsText()
    {
        var statistic = string.Join(' ', Enumerable.Repeat("mean over seeds", 12));
        var lines = PaperTable.Format([new TableRow("T", "r", "c", statistic, null, 1, double.NaN, 1)]).TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "  [1] mean over seeds mean over seeds mean over seeds mean over seeds mean over seeds mean over seeds mean over seeds",
                "      mean over seeds mean over seeds mean over seeds mean over seeds mean over seeds",
            ],
            lines[3..]);
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
