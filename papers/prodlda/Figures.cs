using Papers.Shared.Figures;

namespace Papers.ProdLda;

/// <summary>
/// The talk's figure: per-topic NPMI (training-document co-occurrence), sorted, for ProdLDA, NVLDA and collapsed
/// Gibbs LDA at the first K, with the authors' first published run; and the training curves of ProdLDA and NVLDA.
/// A second figure calibrates our measure against the paper's: per published topic, the NPMI the authors' script
/// printed against ours.
/// </summary>
public static class Figures
{
    public static void Write(string folder, IReadOnlyList<TopicRow> topics, IReadOnlyList<TopicModelEpoch> curve,
        IReadOnlyDictionary<int, IReadOnlyList<AuthorsRun>> authors)
    {
        WriteCalibration(folder, topics, authors);
        var ours = topics.Where(t => t.Source == TopicSources.Ours && t.Run == 0).ToList();
        if (ours.Count == 0) return;
        var k = ours[0].Topics;
        var series = ours.Where(t => t.Topics == k).GroupBy(t => t.Model)
            .Select(g => (Name: Tables.RowNames[g.Key], Values: g.Select(t => t.NpmiTrain).OrderByDescending(v => v).ToList()))
            .Append((Name: "ProdLDA, authors' run 1", Values: topics.Where(t => t.Source == TopicSources.Authors && t.Topics == k && t.Run == 1)
                .Select(t => t.NpmiTrain).OrderByDescending(v => v).ToList()))
            .Where(s => s.Values.Count > 0);
        var npmi = Chart.Combine(series.Select(s => Chart.Line(Enumerable.Range(1, s.Values.Count), s.Values, Name: $"{s.Name} (mean {s.Values.Average():F3})")))
            .WithXAxisStyle(TitleText: "topic, by rank").WithYAxisStyle(TitleText: "NPMI (training-document co-occurrence)");
        var title = $"20 Newsgroups, K = {k}: topic coherence per topic";
        // Collapsed Gibbs LDA has no training curve: run alone (--models lda-gibbs), the figure is the NPMI panel only.
        var curves = curve.Where(e => e.Topics == k && e.Seed == 0).GroupBy(e => e.Model).ToList();
        var figure = curves.Count == 0
            ? npmi.WithTitle(title).WithSize(700, 500)
            : Chart.Grid([npmi, Chart.Combine(curves.Select(g => Chart.Line(g.Select(e => e.Epoch), g.Select(e => e.Loss), Name: $"{Tables.RowNames[g.Key]} training −ELBO")))
                    .WithXAxisStyle(TitleText: "epoch").WithYAxisStyle(TitleText: "mean minibatch −ELBO (nats per document)", MinMax: (600, 900))], 1, 2)
                .WithTitle($"{title}, and training curves (seed 0)")
                .WithSize(1400, 500);
        figure.SaveAll(Path.Combine(folder, "figures"), "npmi");
    }

    /// <summary>One panel per K: each published topic at (our NPMI over the training documents, the NPMI their script printed).</summary>
    private static void WriteCalibration(string folder, IReadOnlyList<TopicRow> topics, IReadOnlyDictionary<int, IReadOnlyList<AuthorsRun>> authors)
    {
        if (authors.Count == 0) return;
        var panels = authors.OrderBy(a => a.Key).Select(a =>
        {
            var ours = a.Value.SelectMany(run => topics.Where(t => t.Source == TopicSources.Authors && t.Topics == a.Key && t.Run == run.Run)
                .OrderBy(t => t.Topic).Select(t => t.NpmiTrain)).ToList();
            var theirs = a.Value.SelectMany(run => run.TheirNpmi).ToList();
            return Chart.Scatter(ours, theirs, StyleParam.Mode.Markers, Name: $"K = {a.Key}: Pearson r {Calibration.Pearson(theirs, ours):F2}, runs pooled", MarkerSize: 5)
                .WithXAxisStyle(TitleText: "our NPMI (training-document co-occurrence)").WithYAxisStyle(TitleText: "NPMI printed by the authors' script");
        });
        Chart.Grid(panels, 1, authors.Count)
            .WithTitle("The authors' published ProdLDA topics (all runs): their NPMI against ours, per topic")
            .WithSize(700 * authors.Count, 500)
            .SaveAll(Path.Combine(folder, "figures"), "npmi-calibration");
    }
}
