using Papers.Shared.Results;

namespace Papers.ProdLda;

/// <summary>
/// How our NPMI measure relates to the paper's, topic by topic. The paper's reference corpus is undocumented, but the
/// authors' published topic files print each topic's NPMI on it; scoring the same topics with our measure gives pairs
/// (theirs, ours) per topic. Their correlation says how far our measure ranks topics as theirs does, which is what
/// lets differences between models carry over from one scale to the other.
/// </summary>
public static class Calibration
{
    /// <summary>Pearson's r of <paramref name="x"/> and <paramref name="y"/>.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Check(x, y);
        var (mx, my) = (x.Average(), y.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var (dx, dy) = (x[i] - mx, y[i] - my);
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) throw new ArgumentException("a correlation needs values that vary: one of the two series is constant");
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman's ρ: Pearson's r of the ranks, tied values sharing the mean of their ranks.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Check(x, y);
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>1-based ranks in ascending order; a run of ties gets the mean of the ranks it spans.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var rank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++) ranks[order[i]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>
    /// Rows of table1-calibration for one K: over the authors' published runs, the mean ± std of Pearson's r and of
    /// Spearman's ρ between the NPMI their script printed per topic and ours over the training and over the test documents.
    /// </summary>
    public static IEnumerable<TableRow> Rows(int topics, IReadOnlyList<AuthorsRun> runs, IReadOnlyList<TopicRow> ours, string trainReference, string testReference)
    {
        var perRun = runs.Select(run =>
        {
            var scored = ours.Where(t => t.Source == TopicSources.Authors && t.Topics == topics && t.Run == run.Run).OrderBy(t => t.Topic).ToList();
            if (scored.Count != run.TheirNpmi.Length)
                throw new ArgumentException($"K={topics}, authors' run {run.Run}: {scored.Count} topics scored by us for {run.TheirNpmi.Length} published");
            return (Their: run.TheirNpmi, Train: scored.Select(t => t.NpmiTrain).ToArray(), Test: scored.Select(t => t.NpmiTest).ToArray());
        }).ToList();
        var column = Tables.Column(topics);
        string Statistic(string name, string reference) =>
            $"{name} between the NPMI the authors' script printed per topic and ours over the {reference}; mean over their {runs.Count} runs of {runs[0].TheirNpmi.Length} topics";
        yield return TableRow.Summarize("Table 1 calibration", "Pearson r, training documents", column, Statistic("Pearson r", trainReference), null, perRun.Select(r => Pearson(r.Their, r.Train)));
        yield return TableRow.Summarize("Table 1 calibration", "Spearman ρ, training documents", column, Statistic("Spearman ρ", trainReference), null, perRun.Select(r => Spearman(r.Their, r.Train)));
        yield return TableRow.Summarize("Table 1 calibration", "Pearson r, test documents", column, Statistic("Pearson r", testReference), null, perRun.Select(r => Pearson(r.Their, r.Test)));
        yield return TableRow.Summarize("Table 1 calibration", "Spearman ρ, test documents", column, Statistic("Spearman ρ", testReference), null, perRun.Select(r => Spearman(r.Their, r.Test)));
    }

    private static void Check(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"a correlation needs pairs: {x.Count} values against {y.Count}");
        if (x.Count < 3) throw new ArgumentException($"a correlation of {x.Count} pairs says nothing: give at least 3");
        if (x.Concat(y).Any(v => !double.IsFinite(v))) throw new ArgumentException("a correlation of non-finite values: every NPMI must be a number");
    }
}
