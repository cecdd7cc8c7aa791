using Papers.Shared.Figures;

namespace Papers.QProp;

/// <summary>
/// Figure 2a's kind: average return against episodes, one panel per task, one colour per algorithm (as in the
/// paper's legend order), one line per seed (solid, dashed, dotted, ...).
/// </summary>
public static class Figures
{
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
    private static readonly StyleParam.DrawingStyle[] Dashes =
        [StyleParam.DrawingStyle.Solid, StyleParam.DrawingStyle.Dash, StyleParam.DrawingStyle.Dot, StyleParam.DrawingStyle.DashDot];

    public static void Write(string folder, IReadOnlyList<QPropIteration> curve)
    {
        var panels = curve.GroupBy(i => i.Environment).Select(task =>
                Chart.Combine(task.GroupBy(i => (i.Algorithm, i.Seed)).Select(run =>
                        Chart.Line(run.Select(i => Tables.PaperEpisodes(i.Steps)), run.Select(i => i.AverageReturn),
                            Name: $"{task.Key}: {Tables.RowName(run.Key.Algorithm)}, seed {run.Key.Seed}",
                            LineColor: Colours[Array.IndexOf(QPropConfig.AlgorithmNames, run.Key.Algorithm) % Colours.Length],
                            LineDash: Dashes[run.Key.Seed % Dashes.Length])))
                    .WithXAxisStyle(TitleText: $"{task.Key}: episodes ({GymEnvironment.Horizon} steps each, the paper's unit)").WithYAxisStyle(TitleText: "average return"))
            .ToList();
        if (panels.Count == 0) return;
        var width = Math.Max(1000, 700 * panels.Count);
        var figure = Chart.Grid(panels, 1, panels.Count)
            .WithTitle("Average return per batch against episodes (cf. Figure 2a)")
            .WithSize(width, 480);
        figure.SaveAll(Path.Combine(folder, "figures"), "returns");
    }
}
