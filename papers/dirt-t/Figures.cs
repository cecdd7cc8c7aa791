using Papers.Shared.Figures;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT;

/// <summary>
/// The talk's figures: the EMA model's target test accuracy against iterations for the three methods (DIRT-T drawn
/// after the VADA iterations it starts from, seed 0), and a grid of generated MNIST-M images with their labels.
/// </summary>
public static class Figures
{
    public const int Samples = 32;

    public static void Write(string folder, DirtTConfig config, IReadOnlyList<CurvePoint> curve, IDomainData? mnistM)
    {
        var lines = curve.Where(p => p.Seed == 0).GroupBy(p => (p.Method, p.InstanceNorm)).Select(g =>
        {
            var offset = g.Key.Method == Methods.DirtT ? config.Iterations : 0;
            var name = $"{Tables.RowNames[g.Key.Method]}{(g.Key.InstanceNorm == 1 ? ", instance norm" : "")}";
            return Chart.Line(g.Select(p => p.Iteration + offset), g.Select(p => p.TargetAccuracy), Name: name, ShowMarkers: true,
                LineDash: g.Key.InstanceNorm == 1 ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid);
        }).ToList();
        if (lines.Count > 0)
            Chart.Combine(lines)
                .WithXAxisStyle(TitleText: "iteration (DIRT-T continues from VADA's last)").WithYAxisStyle(TitleText: "target test accuracy (%), EMA weights")
                .WithTitle($"{Tables.Column(config.Source, config.Target, 0)}: target accuracy while training (seed 0)")
                .WithSize(900, 500)
                .SaveAll(Path.Combine(folder, "figures"), "accuracy");
        if (mnistM is null) return;
        using var scope = NewDisposeScope();
        var rows = arange(0, Math.Min(Samples, mnistM.Count), dtype: ScalarType.Int64);
        var images = Image.FromBatch((mnistM.Batch(rows) + 1) / 2);                // [−1, 1] → [0, 1]
        var labels = mnistM.Labels.index_select(0, rows).data<long>().Select(l => l.ToString()).ToList();
        Chart.ImageGrid(images, 8, labels).WithTitle("Generated MNIST-M training images (32×32), with their MNIST labels")
            .WithSize(900, 520)
            .SaveAll(Path.Combine(folder, "figures"), "mnistm");
    }
}
