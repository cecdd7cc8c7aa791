using Papers.Shared.Figures;

namespace Papers.QProp;

/// <summary>Figure 2a's kind: average return against episodes, one panel per task, a line per algorithm and seed.</summary>
public static class Figures
{
    public static void Write(string folder, IReadOnlyList<QPropIteration> curve)
    {
        var panels = curve.GroupBy(i => i.Environment).Select(task =>
                Chart.Combine(task.GroupBy(i => (i.Algorithm, i.Seed)).Select(run =>
                        Chart.Line(run.Select(i => i.Episodes), run.Select(i => i.AverageReturn), Name: $"{task.Key}: {Tables.RowName(run.Key.Algorithm)}, seed {run.Key.Seed}")))
                    .WithXAxisStyle(TitleText: $"{task.Key}: episodes").WithYAxisStyle(TitleText: "average return"))
            .ToList();
        if (panels.Count == 0) return;
        var width = 700 * panels.Count;
        var figure = Chart.Grid(panels, 1, panels.Count)
            .WithTitle("Average return of each batch against episodes sampled (cf. Figure 2a)")
            .WithSize(width, 480);
        var figures = Path.Combine(folder, "figures");
        figure.SaveJson(Path.Combine(figures, "returns.json"));
        figure.SaveHtml(Path.Combine(figures, "returns.html"));
        figure.SavePng(Path.Combine(figures, "returns.png"), width, 480);
    }
}
