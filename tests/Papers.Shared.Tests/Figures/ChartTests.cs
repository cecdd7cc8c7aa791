using System.Text.Json.Nodes;
using Papers.Testing;
using static Papers.Torch.torch;

namespace Papers.Shared.Tests;

using Papers.Shared.Figures;

public class ChartTests
{
    private static readonly int[] Epochs = [1, 2, 3, 4];

    [Fact]
    public void CombinedLinesAndScatterJsonMatchesSnapshot()
    {
        var chart = Chart.Combine(
            [
                Chart.Line(Epochs, new[] { 1.5, 0.75, 0.5, double.NaN }, Name: "train", ShowMarkers: true),
                Chart.Line(Epochs, new float[] { 1.75f, 1f, 0.875f, 0.8125f }, Name: "test", LineColor: "black", LineDash: StyleParam.DrawingStyle.Dash),
                Chart.Scatter(new[] { 2.0 }, new[] { 0.7 }, StyleParam.Mode.Markers, Name: "paper (§5.2)", MarkerSize: 12),
            ])
            .WithTitle("Cora: loss per epoch")
            .WithXAxisStyle(TitleText: "epoch")
            .WithYAxisStyle(TitleText: "loss", MinMax: (0.01, 10), AxisType: StyleParam.AxisType.Log)
            .WithSize(800, 450);
        Snapshot.VerifyJson(chart.ToJson(), Tolerance.Abs(1e-12));
    }

    [Fact]
    public void GridJsonMatchesSnapshot()
    {
        var z = new double[,] { { 0, 1 }, { 2, 3 }, { 4, 5 } };
        var grid = Chart.Grid(
            [
                Chart.Histogram(new[] { 1, 2, 2, 3 }, Name: "source", NBinsX: 3, HistNorm: StyleParam.HistNorm.Probability).WithTitle("features"),
                Chart.Heatmap(z, X: ["a", "b"], Y: ["r0", "r1", "r2"], ColorScale: "Greys", ReverseYAxis: true).WithTitle("confusion"),
            ], nRows: 1, nCols: 2)
            .WithXAxisStyle(ShowGrid: false)
            .WithTitle("Two panels");
        Snapshot.VerifyJson(grid.ToJson());
    }

    [Fact]
    public void GridCellsGetTheirOwnAxesAndTitles()
    {
        var figure = Chart.Grid([Chart.Line(Epochs, Epochs).WithTitle("a"), Chart.Line(Epochs, Epochs), Chart.Line(Epochs, Epochs).WithTitle("c")], 2, 2).ToPlotly();
        var data = figure["data"]!.AsArray();
        Assert.Equal(["x", "x2", "x3"], data.Select(t => (string)t!["xaxis"]!));
        Assert.Equal(["y", "y2", "y3"], data.Select(t => (string)t!["yaxis"]!));
        Assert.Equal("""{"rows":2,"columns":2,"pattern":"independent"}""", figure["layout"]!["grid"]!.ToJsonString());
        var annotations = figure["layout"]!["annotations"]!.AsArray();
        Assert.Equal(["a", "c"], annotations.Select(a => (string)a!["text"]!));
        Assert.Equal(["x domain", "x3 domain"], annotations.Select(a => (string)a!["xref"]!));
    }

    [Fact]
    public void OverlaidHistogramsAndLogRangesFollowPlotly()
    {
        var layout = Chart.Combine([Chart.Histogram(new[] { 1.0 }), Chart.Histogram(new[] { 2.0 })])
            .WithXAxisStyle(MinMax: (1, 1000), AxisType: StyleParam.AxisType.Log).ToPlotly()["layout"]!;
        Assert.Equal("overlay", (string)layout["barmode"]!);
        Assert.Equal("[0,3]", layout["xaxis"]!["range"]!.ToJsonString());   // log10(1) = 0, log10(1000) = 3
    }

    [Fact]
    public void ImageGridEmbedsEachImageAsAPngOfItsExactPixels()
    {
        using var rgb = tensor(new float[] { 1, 0, 0.5f, 0, /* G */ 0, 1, 0.5f, 0, /* B */ 0, 0, 0.5f, 1 }, [3, 2, 2]);
        var gray = Image.Gray(new double[,] { { 0, 1 }, { 0.2, 0.6 } });
        var figure = Chart.ImageGrid([Image.FromTensor(rgb), gray], nCols: 2, Titles: ["fake", "real"]).ToPlotly();
        var traces = figure["data"]!.AsArray();
        Assert.All(traces, t => Assert.Equal("image", (string)t!["type"]!));
        Assert.False((bool)figure["layout"]!["xaxis2"]!["visible"]!);

        var colour = Decode(traces[0]!);
        Assert.Equal((2, 2), (colour.Width, colour.Height));
        // CHW planes [R; G; B] at pixels (0,0) (0,1) (1,0) (1,1): red, green, 0.5 grey → 128, blue.
        Assert.Equal([(255, 0, 0), (0, 255, 0), (128, 128, 128), (0, 0, 255)],
            new[] { colour[0, 0], colour[1, 0], colour[0, 1], colour[1, 1] }.Select(p => ((int)p.R, (int)p.G, (int)p.B)));
        var grey = Decode(traces[1]!);
        // 0.2 · 255 = 51, 0.6 · 255 = 153, equal channels.
        var greys = new[] { grey[0, 0], grey[1, 0], grey[0, 1], grey[1, 1] };
        Assert.All(greys, p => Assert.True(p.R == p.G && p.G == p.B, $"{p} is not grey"));
        Assert.Equal([0, 255, 51, 153], greys.Select(p => (int)p.R));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void ImageValuesOutsideZeroToOneAreRefused(double value)
    {
        var e = Assert.Throws<ArgumentException>(() => Image.Gray(new double[,] { { 0, value } }));
        Assert.Contains("pixel (0, 1)", e.Message);
        Assert.Contains("[0, 1]", e.Message);
    }

    [Fact]
    public void MismatchedInputsAreErrors()
    {
        Assert.Throws<ArgumentException>(() => Chart.Line(new[] { 1, 2 }, new[] { 1.0 }));
        Assert.Throws<ArgumentException>(() => Chart.Heatmap(new double[2, 3], X: ["a"]));
        Assert.Throws<ArgumentException>(() => Chart.Grid([Chart.Line(Epochs, Epochs), Chart.Line(Epochs, Epochs)], 1, 1));
        var grid = Chart.Grid([Chart.Line(Epochs, Epochs)], 1, 1);
        Assert.Throws<ArgumentException>(() => Chart.Combine([grid]));
        using var batch = zeros([2, 2, 4, 4]);
        Assert.Throws<ArgumentException>(() => Image.FromBatch(batch));   // two channels: neither gray nor RGB
        Assert.Equal(2, Image.FromBatch(zeros([2, 3, 4, 4])).Count);
    }

    private static PngImage Decode(JsonNode trace)
    {
        var source = (string)trace["source"]!;
        Assert.StartsWith("data:image/png;base64,", source);
        return PngImage.Read(Convert.FromBase64String(source["data:image/png;base64,".Length..]));
    }
}
