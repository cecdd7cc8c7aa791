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
        if (mnistM is not null) MnistMSamples(mnistM).SaveAll(Path.Combine(folder, "figures"), "mnistm");
    }

    /// <summary>The first <see cref="Samples"/> images of generated MNIST-M, with their labels.</summary>
    public static GenericChart MnistMSamples(IDomainData mnistM)
    {
        using var scope = NewDisposeScope();
        var rows = arange(0, Math.Min(Samples, mnistM.Count), dtype: ScalarType.Int64);
        var images = Image.FromBatch((mnistM.Batch(rows) + 1) / 2);                // [−1, 1] → [0, 1]
        var labels = mnistM.Labels.index_select(0, rows).data<long>().Select(l => l.ToString()).ToList();
        return Chart.ImageGrid(images, 8, labels).WithTitle("Generated MNIST-M training images (32×32), with their MNIST labels")
            .WithSize(900, 520);
    }

    /// <summary>The two-moons shift: the labelled source moons, and the unlabelled target moons rotated by <see cref="TwoMoons.Rotation"/>°.</summary>
    public static GenericChart Moons(MoonDomains moons)
    {
        var (source, labels) = (moons.Source.All.data<float>(), moons.Source.Labels.data<long>());
        var target = moons.Target.All.data<float>();
        GenericChart Points(IEnumerable<int> rows, float[] xy, string name, string color) => Chart.Scatter(
            rows.Select(i => xy[2 * i]), rows.Select(i => xy[2 * i + 1]), StyleParam.Mode.Markers, Name: name, MarkerColor: color, MarkerSize: 5);
        var all = Enumerable.Range(0, (int)moons.Source.Count).ToList();
        return Chart.Combine([
                Points(all.Where(i => labels[i] == 0), source, "source, class 0", ClassColours[0]),
                Points(all.Where(i => labels[i] == 1), source, "source, class 1", ClassColours[1]),
                Points(Enumerable.Range(0, (int)moons.Target.Count), target, $"target (rotated {TwoMoons.Rotation}°), unlabelled", "gray")])
            .WithXAxisStyle(TitleText: "x₁").WithYAxisStyle(TitleText: "x₂").WithTitle("Two moons: source and target").WithSize(600, 450);
    }

    /// <summary>Target test points coloured by the class <paramref name="probabilities"/> ([N, 2]) give them, wrong ones drawn over in black.</summary>
    public static GenericChart MoonsPredicted(Points targetTest, Tensor probabilities, string title)
    {
        var xy = targetTest.All.data<float>();
        var (predicted, labels) = (probabilities.argmax(1).data<long>(), targetTest.Labels.data<long>());
        var rows = Enumerable.Range(0, (int)targetTest.Count).ToList();
        GenericChart Points(Func<int, bool> keep, string name, string colour, double size) => Chart.Scatter(
            rows.Where(keep).Select(i => xy[2 * i]), rows.Where(keep).Select(i => xy[2 * i + 1]), StyleParam.Mode.Markers,
            Name: name, MarkerColor: colour, MarkerSize: size);
        var accuracy = 100.0 * rows.Count(i => predicted[i] == labels[i]) / rows.Count;
        return Chart.Combine([
                Points(i => predicted[i] == 0, "predicted class 0", ClassColours[0], 5),
                Points(i => predicted[i] == 1, "predicted class 1", ClassColours[1], 5),
                Points(i => predicted[i] != labels[i], "wrong", "black", 9)])
            .WithXAxisStyle(TitleText: "x₁").WithYAxisStyle(TitleText: "x₂")
            .WithTitle($"{title}: {accuracy:F1}% of the target test points").WithSize(600, 450);
    }

    private static readonly string[] ClassColours = ["#1f77b4", "#ff7f0e"];
}
