using Papers.Shared.Figures;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm;

/// <summary>A meta-test episode with the meta-learner's predictions for its query images (the episode figure).</summary>
public sealed record EpisodeExample(string Dataset, int Shots, Tensor Support, long[] SupportLabels, Tensor Query, long[] QueryLabels, long[] Predicted);

/// <summary>
/// The talk's figures: the meta-validation accuracy while meta-training, the learned input and forget gate values over
/// the inner steps per learner layer (the paper's Figure 2), and one 5-way test episode with its predictions.
/// </summary>
public static class Figures
{
    /// <summary>Query images shown per class in the episode figure.</summary>
    public const int QueriesShown = 3;

    public static void Write(string folder, IReadOnlyList<CurvePoint> curve, IReadOnlyList<GatePoint> gates, IReadOnlyList<EpisodeExample> examples)
    {
        var figures = Path.Combine(folder, "figures");
        if (curve.Count > 0)
            Chart.Combine(curve.GroupBy(p => (p.Dataset, p.Method, p.Shots)).Select(g => Chart.Line(g.Select(p => p.Episode), g.Select(p => p.ValidationAccuracy),
                    Name: $"{Tables.RowNames[g.Key.Method]}, {Tables.Column(g.Key.Dataset, g.Key.Shots)}", ShowMarkers: true)))
                .WithXAxisStyle(TitleText: "meta-training episodes").WithYAxisStyle(TitleText: "meta-validation accuracy (%)")
                .WithTitle("Meta-validation accuracy while meta-training").WithSize(900, 500)
                .SaveAll(figures, "meta-validation");
        foreach (var (gate, name) in new[] { ("input", "i_t"), ("forget", "f_t") })
            foreach (var group in gates.GroupBy(p => (p.Dataset, p.Shots)))
                Chart.Combine(group.GroupBy(p => p.Layer).Select(layer => Chart.Line(layer.Select(p => p.Step),
                        layer.Select(p => gate == "input" ? p.InputGate : p.ForgetGate), Name: layer.Key, ShowMarkers: true)))
                    .WithXAxisStyle(TitleText: "inner step t").WithYAxisStyle(TitleText: $"mean σ({name}) over the layer's coordinates")
                    .WithTitle($"{Tables.Column(group.Key.Dataset, group.Key.Shots)}: {gate} gate values over the test episodes (Figure 2)")
                    .WithSize(900, 500)
                    .SaveAll(figures, $"gates-{gate}-{group.Key.Dataset}-{group.Key.Shots}shot");
        foreach (var e in examples) Episode(figures, e);
    }

    // The support images (one row per class) beside a few query images each, titled with the prediction.
    private static void Episode(string folder, EpisodeExample e)
    {
        using var scope = NewDisposeScope();
        var ways = (int)e.SupportLabels.Max() + 1;
        var images = new List<Image>();
        var titles = new List<string>();
        var support = Image.FromBatch(e.Support);
        var query = Image.FromBatch(e.Query);
        for (var label = 0; label < ways; label++)
        {
            foreach (var n in Enumerable.Range(0, e.SupportLabels.Length).Where(n => e.SupportLabels[n] == label))
            {
                images.Add(support[n]);
                titles.Add($"support: class {label}");
            }
            foreach (var n in Enumerable.Range(0, e.QueryLabels.Length).Where(n => e.QueryLabels[n] == label).Take(QueriesShown))
            {
                images.Add(query[n]);
                titles.Add(e.Predicted[n] == label ? $"query: {e.Predicted[n]} ✓" : $"query: {e.Predicted[n]} ✗ (is {label})");
            }
        }
        Chart.ImageGrid(images, e.Shots + QueriesShown, titles)
            .WithTitle($"{Tables.Column(e.Dataset, e.Shots)}: a test episode and the meta-learner's predictions")
            .WithSize(Math.Max(760, 180 * (e.Shots + QueriesShown)), 190 * ways)
            .SaveAll(folder, $"episode-{e.Dataset}-{e.Shots}shot");
    }
}
