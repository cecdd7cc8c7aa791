using System.Numerics;
using System.Text.Json.Nodes;

namespace Papers.Shared.Figures;

/// <summary>
/// Figure builders named as Plotly.NET names them, producing plotly.js figures:
/// <code>
/// Chart.Combine([Chart.Line(epochs, train, Name: "train"), Chart.Line(epochs, test, Name: "test")])
///      .WithTitle("Cora").WithXAxisStyle(TitleText: "epoch").WithSize(800, 450).SavePng("figures/loss.png");
/// </code>
/// </summary>
public static class Chart
{
    public static GenericChart Line<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? Name = null, bool ShowMarkers = false,
        string? LineColor = null, StyleParam.DrawingStyle LineDash = StyleParam.DrawingStyle.Solid)
        where TX : INumberBase<TX> where TY : INumberBase<TY>
    {
        var trace = XY(x, y, ShowMarkers ? StyleParam.Mode.Lines_Markers : StyleParam.Mode.Lines, Name);
        var line = new JsonObject { ["dash"] = StyleParam.Plotly(LineDash) };
        if (LineColor is not null) line["color"] = LineColor;
        trace["line"] = line;
        return GenericChart.Of(trace);
    }

    public static GenericChart Scatter<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, StyleParam.Mode mode, string? Name = null,
        string? MarkerColor = null, double? MarkerSize = null)
        where TX : INumberBase<TX> where TY : INumberBase<TY>
    {
        var trace = XY(x, y, mode, Name);
        var marker = new JsonObject();
        if (MarkerColor is not null) marker["color"] = MarkerColor;
        if (MarkerSize is { } size) marker["size"] = size;
        if (marker.Count > 0) trace["marker"] = marker;
        return GenericChart.Of(trace);
    }

    /// <summary>A histogram of <paramref name="X"/>; combined histograms overlay, so give them an <paramref name="Opacity"/>.</summary>
    public static GenericChart Histogram<T>(IEnumerable<T> X, string? Name = null, int? NBinsX = null,
        StyleParam.HistNorm HistNorm = StyleParam.HistNorm.None, double? Opacity = null) where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(X);
        var trace = new JsonObject { ["type"] = "histogram", ["x"] = Numbers(X) };
        if (Name is not null) trace["name"] = Name;
        if (NBinsX is { } bins) trace["nbinsx"] = bins > 0 ? bins : throw new ArgumentOutOfRangeException(nameof(NBinsX), bins, "bins must be positive");
        if (HistNorm != StyleParam.HistNorm.None) trace["histnorm"] = StyleParam.Plotly(HistNorm);
        if (Opacity is { } opacity) trace["opacity"] = opacity;
        return GenericChart.Of(trace);
    }

    /// <summary>A heatmap of <c>zData[row, column]</c>; rows go up the y axis unless <paramref name="ReverseYAxis"/>, as a matrix reads.</summary>
    public static GenericChart Heatmap(double[,] zData, IReadOnlyList<string>? X = null, IReadOnlyList<string>? Y = null, string? Name = null,
        string ColorScale = "Viridis", bool ReverseYAxis = false, bool ShowScale = true)
    {
        ArgumentNullException.ThrowIfNull(zData);
        int rows = zData.GetLength(0), columns = zData.GetLength(1);
        if (X is not null && X.Count != columns) throw new ArgumentException($"{X.Count} x labels for {columns} columns", nameof(X));
        if (Y is not null && Y.Count != rows) throw new ArgumentException($"{Y.Count} y labels for {rows} rows", nameof(Y));
        var z = new JsonArray();
        for (var r = 0; r < rows; r++) z.Add(Numbers(Enumerable.Range(0, columns).Select(c => zData[r, c])));
        var trace = new JsonObject { ["type"] = "heatmap", ["z"] = z, ["colorscale"] = ColorScale, ["showscale"] = ShowScale };
        if (X is not null) trace["x"] = new JsonArray(X.Select(l => (JsonNode?)l).ToArray());
        if (Y is not null) trace["y"] = new JsonArray(Y.Select(l => (JsonNode?)l).ToArray());
        if (Name is not null) trace["name"] = Name;
        var chart = GenericChart.Of(trace);
        return ReverseYAxis ? chart.WithYAxis(new AxisStyle { Reversed = true }) : chart;
    }

    /// <summary>
    /// Images side by side, <paramref name="nCols"/> to a row, each an <c>image</c> trace in its own cell with hidden
    /// axes and square pixels; <paramref name="Titles"/> label the cells (generated vs real, domain A vs B).
    /// </summary>
    public static GenericChart ImageGrid(IReadOnlyList<Image> images, int nCols, IReadOnlyList<string>? Titles = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("an image grid needs at least one image", nameof(images));
        if (nCols < 1) throw new ArgumentOutOfRangeException(nameof(nCols), nCols, "at least one column");
        if (Titles is not null && Titles.Count != images.Count) throw new ArgumentException($"{Titles.Count} titles for {images.Count} images", nameof(Titles));
        var cells = images.Select((image, i) =>
        {
            var trace = new JsonObject { ["type"] = "image", ["source"] = PngEncoder.DataUri(image), ["hoverinfo"] = "skip" };
            var cell = GenericChart.Of(trace).WithXAxis(new AxisStyle { Hidden = true }).WithYAxis(new AxisStyle { Hidden = true });
            return Titles is null ? cell : cell.WithTitle(Titles[i]);
        });
        var columns = Math.Min(nCols, images.Count);
        return Grid(cells, (images.Count + columns - 1) / columns, columns);
    }

    /// <summary>Overlays charts on one pair of axes; the first title, axis styles and size given win.</summary>
    public static GenericChart Combine(IEnumerable<GenericChart> charts) => GenericChart.Combine(charts);

    /// <summary>Places charts in a grid, row by row, each on its own axes with its title above it.</summary>
    public static GenericChart Grid(IEnumerable<GenericChart> charts, int nRows, int nCols) => GenericChart.Grid(charts, nRows, nCols);

    private static JsonObject XY<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, StyleParam.Mode mode, string? name)
        where TX : INumberBase<TX> where TY : INumberBase<TY>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var xs = Numbers(x);
        var ys = Numbers(y);
        if (xs.Count != ys.Count) throw new ArgumentException($"{xs.Count} x values but {ys.Count} y values");
        var trace = new JsonObject { ["type"] = "scatter", ["mode"] = StyleParam.Plotly(mode), ["x"] = xs, ["y"] = ys };
        if (name is not null) trace["name"] = name;
        return trace;
    }

    /// <summary>Numbers as JSON; NaN and infinities become null, which plotly draws as a gap.</summary>
    internal static JsonArray Numbers<T>(IEnumerable<T> values) where T : INumberBase<T> =>
        new(values.Select(v => double.CreateChecked(v)).Select(d => double.IsFinite(d) ? JsonValue.Create(d) : (JsonNode?)null).ToArray());
}
