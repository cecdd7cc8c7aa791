using Papers.Shared.Figures;

namespace Papers.Hnn;

/// <summary>The talk's figures: the mammal subtree in the Poincaré disk with its learned gyroplane, and PREFIX validation curves.</summary>
public static class Figures
{
    /// <summary>Grey points: a sample of the other nouns, so the disk stays readable.</summary>
    private const int RestSample = 4000;

    public static void Write(string folder, IReadOnlyList<PrefixEval> curve, IReadOnlyList<Gyroplane> gyroplanes)
    {
        var figures = Path.Combine(folder, "figures");
        if (gyroplanes.FirstOrDefault(g => g.Subtree == "mammal.n.01") is { } mammal) Save(Disk(mammal), figures, "mammal_gyroplane", 800, 800);
        var first = curve.Where(e => e.Seed == 0 && e.Dataset == curve[0].Dataset).ToList();
        if (first.Count > 0)
        {
            var lines = first.GroupBy(e => e.Model).Select(g =>
                Chart.Line(g.Select(e => e.Step), g.Select(e => 100 * e.ValidationAccuracy), Name: Enum.Parse<Variant>(g.Key).Describe(), ShowMarkers: true));
            Save(Chart.Combine(lines).WithTitle($"{first[0].Dataset}, seed 0: validation accuracy during training")
                .WithXAxisStyle(TitleText: "step (batches of 64)").WithYAxisStyle(TitleText: "validation accuracy (%)"), figures, "prefix_validation", 1000, 500);
        }
    }

    /// <summary>The unit circle, the subtree (red) among other nouns (grey), and the gyroplane {p ⊕ t a⊥/‖a‖ : −1 &lt; t &lt; 1} (Theorem 5) through p.</summary>
    public static GenericChart Disk(Gyroplane g)
    {
        var ball = PoincareBall.WithCurvature(1);
        var angles = Enumerable.Range(0, 361).Select(i => i * Math.PI / 180).ToList();
        var circle = Chart.Line(angles.Select(Math.Cos), angles.Select(Math.Sin), Name: "boundary ‖x‖ = 1", LineColor: "black");
        var random = new Random(0);
        var rest = Enumerable.Range(0, g.Inside.Length).Where(i => !g.Inside[i]).OrderBy(_ => random.Next()).Take(RestSample).ToList();
        var inside = Enumerable.Range(0, g.Inside.Length).Where(i => g.Inside[i]).ToList();
        GenericChart Points(List<int> nodes, string name, string color) => Chart.Scatter(
            nodes.Select(i => g.Embedding.Point(i)[0]), nodes.Select(i => g.Embedding.Point(i)[1]), StyleParam.Mode.Markers, Name: name, MarkerColor: color, MarkerSize: 3);
        var norm = Vec.Norm(g.A);
        var (nx, ny) = (-g.A[1] / norm, g.A[0] / norm);
        var plane = Enumerable.Range(-999, 1999).Select(k =>
        {
            var t = k / 1000.0 * ball.MaxNorm;
            var x = new double[2];
            ball.MobiusAdd(g.P, [t * nx, t * ny], x);
            return x;
        }).ToList();
        var gyroplane = Chart.Line(plane.Select(x => x[0]), plane.Select(x => x[1]), Name: "learned gyroplane", LineColor: "blue");
        var p = Chart.Scatter([g.P[0]], [g.P[1]], StyleParam.Mode.Markers, Name: "p", MarkerColor: "blue", MarkerSize: 9);
        return Chart.Combine([circle, Points(rest, $"other nouns ({RestSample} of {g.Inside.Length - inside.Count})", "lightgrey"),
                Points(inside, $"{g.Subtree} subtree ({inside.Count})", "crimson"), gyroplane, p])
            .WithTitle($"{g.Subtree} in the 2-D Poincaré disk with the hyperbolic MLR's gyroplane")
            .WithXAxisStyle(MinMax: (-1.05, 1.05)).WithYAxisStyle(MinMax: (-1.05, 1.05));
    }

    private static void Save(GenericChart chart, string folder, string name, int width, int height) =>
        chart.WithSize(width, height).SaveAll(folder, name);
}
