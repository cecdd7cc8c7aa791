using Papers.Shared.Figures;

namespace Papers.Gcn;

/// <summary>The talk's figure: one seed's training curves on Cora, and test accuracy over all seeds.</summary>
public static class Figures
{
    public static void Write(string folder, IReadOnlyList<GcnEpoch> curve, IReadOnlyList<GcnRun> runs)
    {
        var first = curve.Where(e => e.Dataset == curve.FirstOrDefault()?.Dataset).ToList();
        if (first.Count == 0) return;
        var epochs = first.Select(e => e.Epoch).ToList();
        var loss = Chart.Combine([
                Chart.Line(epochs, first.Select(e => e.TrainLoss), Name: "train loss"),
                Chart.Line(epochs, first.Select(e => e.ValidationLoss), Name: "validation loss")])
            .WithXAxisStyle(TitleText: "epoch").WithYAxisStyle(TitleText: "cross-entropy + L2");
        var accuracy = Chart.Combine([
                Chart.Line(epochs, first.Select(e => 100 * e.TrainAccuracy), Name: "train accuracy"),
                Chart.Line(epochs, first.Select(e => 100 * e.ValidationAccuracy), Name: "validation accuracy")])
            .WithXAxisStyle(TitleText: "epoch").WithYAxisStyle(TitleText: "accuracy (%)");
        var spread = Chart.Combine(runs
                .Where(r => r.Model == nameof(PropagationModel.RenormalizationTrick) && r.Split == Tables.FixedSplit)
                .GroupBy(r => r.Dataset)
                .Select(g => Chart.Histogram(g.Select(r => 100 * r.TestAccuracy), Name: $"{g.Key} ({g.Count()} seeds)")))
            .WithXAxisStyle(TitleText: "test accuracy (%)").WithYAxisStyle(TitleText: "runs");
        var figure = Chart.Grid([loss, accuracy, spread], 1, 3)
            .WithTitle($"GCN on {first[0].Dataset}, seed {first[0].Seed}: training curves; test accuracy over seeds")
            .WithSize(1500, 450);
        figure.SaveAll(Path.Combine(folder, "figures"), "training");
    }
}
