using Papers.Shared.Figures;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>The talk's figures: translation grids (x, G(x), F(G(x)) and y, F(y), G(F(y))) and the loss curves.</summary>
public static class Figures
{
    public const int Columns = 8;

    /// <summary>Rows x, G(x), F(G(x)), y, F(y), G(F(y)) for the first <see cref="Columns"/> test images of each domain.</summary>
    public static void Grid(string folder, CycleGanModel model, Tensor x, Tensor y, string name, string title)
    {
        using var scope = NewDisposeScope();
        var (xs, ys) = (x.narrow(0, 0, Columns), y.narrow(0, 0, Columns));       // [8, 1, 32, 32] each
        var gx = model.Translate(model.G, xs);
        var fy = model.Translate(model.F, ys);
        var rows = new[] { ("x (MNIST)", xs), ("G(x)", gx), ("F(G(x))", model.Translate(model.F, gx)), ("y (USPS)", ys), ("F(y)", fy), ("G(F(y))", model.Translate(model.G, fy)) };
        var images = rows.SelectMany(r => Image.FromBatch(((r.Item2 + 1) / 2).clamp(0, 1))).ToList();   // [−1, 1] → [0, 1]
        var titles = rows.SelectMany(r => Enumerable.Range(0, Columns).Select(i => i == 0 ? r.Item1 : "")).ToList();
        Chart.ImageGrid(images, Columns, titles).WithTitle(title).WithSize(800, 660).SaveAll(Path.Combine(folder, "figures"), name);
    }

    /// <summary>Cycle and adversarial losses against iterations, one line per variant (seed 0).</summary>
    public static void Losses(string folder, IReadOnlyList<CurvePoint> curve)
    {
        var lines = curve.Where(p => p.Seed == 0).GroupBy(p => p.SemanticWeight).SelectMany(g =>
        {
            var variant = Tables.VariantName(g.Key);
            var dash = g.Key > 0 ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid;
            var it = g.Select(p => p.Iteration).ToList();
            return new[]
            {
                Chart.Line(it, g.Select(p => p.CycleX + p.CycleY), Name: $"{variant}: cycle ‖F(G(x)) − x‖₁ + ‖G(F(y)) − y‖₁", LineDash: dash),
                Chart.Line(it, g.Select(p => p.GanG + p.GanF), Name: $"{variant}: generators' LSGAN loss", LineDash: dash),
                Chart.Line(it, g.Select(p => p.DX + p.DY), Name: $"{variant}: discriminators' LSGAN loss (halved)", LineDash: dash),
            };
        }).ToList();
        if (lines.Count == 0) return;
        Chart.Combine(lines).WithXAxisStyle(TitleText: "iteration (batch 1)").WithYAxisStyle(TitleText: "loss, mean over the logging window")
            .WithTitle("CycleGAN on MNIST ↔ USPS: losses while training (seed 0)").WithSize(1300, 500)
            .SaveAll(Path.Combine(folder, "figures"), "losses");
    }
}
