using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Papers.Shared.Figures;

/// <summary>
/// A plotly.js figure under construction, named after Plotly.NET's. Charts are immutable: every <c>With</c>
/// returns a new chart. A chart holds one or more panels; more than one only after <see cref="Chart.Grid"/>.
/// </summary>
public sealed partial class GenericChart
{
    private sealed record Panel(IReadOnlyList<JsonObject> Traces, string? Title, AxisStyle X, AxisStyle Y);

    private readonly IReadOnlyList<Panel> _panels;
    private readonly (int Rows, int Columns)? _grid;
    private readonly string? _title;
    private readonly (int Width, int Height)? _size;

    private GenericChart(IReadOnlyList<Panel> panels, (int Rows, int Columns)? grid, string? title, (int Width, int Height)? size)
    {
        _panels = panels;
        _grid = grid;
        _title = title;
        _size = size;
    }

    /// <summary>The size from <see cref="WithSize"/>, or null for plotly's default.</summary>
    public (int Width, int Height)? Size => _size;

    internal static GenericChart Of(JsonObject trace) => new([new Panel([trace], null, AxisStyle.Default, AxisStyle.Default)], null, null, null);

    public GenericChart WithTitle(string title) => new(_panels, _grid, title, _size);

    public GenericChart WithSize(int width, int height)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"a figure is at least 1x1 pixels, not {width}x{height}");
        return new(_panels, _grid, _title, (width, height));
    }

    /// <summary>Styles the x axis (of every cell, in a grid). A log axis takes its <paramref name="MinMax"/> in data units.</summary>
    public GenericChart WithXAxisStyle(string? TitleText = null, (double Min, double Max)? MinMax = null,
        StyleParam.AxisType? AxisType = null, bool? ShowGrid = null) =>
        WithXAxis(new AxisStyle { Title = TitleText, Range = MinMax, Type = AxisType, ShowGrid = ShowGrid });

    /// <summary>Styles the y axis (of every cell, in a grid). A log axis takes its <paramref name="MinMax"/> in data units.</summary>
    public GenericChart WithYAxisStyle(string? TitleText = null, (double Min, double Max)? MinMax = null,
        StyleParam.AxisType? AxisType = null, bool? ShowGrid = null) =>
        WithYAxis(new AxisStyle { Title = TitleText, Range = MinMax, Type = AxisType, ShowGrid = ShowGrid });

    internal GenericChart WithXAxis(AxisStyle style) => new(_panels.Select(p => p with { X = p.X.Merge(style) }).ToList(), _grid, _title, _size);

    internal GenericChart WithYAxis(AxisStyle style) => new(_panels.Select(p => p with { Y = p.Y.Merge(style) }).ToList(), _grid, _title, _size);

    internal static GenericChart Combine(IEnumerable<GenericChart> charts)
    {
        var list = Singles(charts, nameof(Chart.Combine));
        var x = list.Aggregate(AxisStyle.Default, (axis, c) => c._panels[0].X.Merge(axis));
        var y = list.Aggregate(AxisStyle.Default, (axis, c) => c._panels[0].Y.Merge(axis));
        var panel = new Panel(list.SelectMany(c => c._panels[0].Traces).ToList(), null, x, y);
        return new([panel], null, list.Select(c => c._title).FirstOrDefault(t => t is not null), list.Select(c => c._size).FirstOrDefault(s => s is not null));
    }

    internal static GenericChart Grid(IEnumerable<GenericChart> charts, int rows, int columns)
    {
        if (rows < 1 || columns < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"a grid is at least 1x1, not {rows}x{columns}");
        var list = Singles(charts, nameof(Chart.Grid));
        if (list.Count > rows * columns) throw new ArgumentException($"{list.Count} charts do not fit a {rows}x{columns} grid");
        var panels = list.Select(c => c._panels[0] with { Title = c._title }).ToList();
        return new(panels, (rows, columns), null, null);
    }

    /// <summary>The figure as plotly.js takes it: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public JsonObject ToPlotly()
    {
        var data = new JsonArray();
        var layout = new JsonObject { ["font"] = new JsonObject { ["size"] = 14 } };   // legible on a projector
        if (_title is not null) layout["title"] = new JsonObject { ["text"] = _title };
        if (_size is var (width, height))
        {
            layout["width"] = width;
            layout["height"] = height;
        }
        var annotations = new JsonArray();
        for (var k = 0; k < _panels.Count; k++)
        {
            var panel = _panels[k];
            var suffix = k == 0 ? "" : (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var trace in panel.Traces)
            {
                var copy = (JsonObject)trace.DeepClone();
                if (_grid is not null)
                {
                    copy["xaxis"] = "x" + suffix;
                    copy["yaxis"] = "y" + suffix;
                }
                data.Add(copy);
            }
            var xAxis = panel.X.ToJson();
            var yAxis = panel.Y.ToJson();
            if (xAxis.Count > 0) layout["xaxis" + suffix] = xAxis;
            if (yAxis.Count > 0) layout["yaxis" + suffix] = yAxis;
            if (panel.Title is not null)
            {
                annotations.Add(new JsonObject
                {
                    ["text"] = panel.Title, ["showarrow"] = false,
                    ["xref"] = $"x{suffix} domain", ["yref"] = $"y{suffix} domain",
                    ["x"] = 0.5, ["y"] = 1.0, ["xanchor"] = "center", ["yanchor"] = "bottom",
                });
            }
        }
        if (_grid is var (rows, columns)) layout["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent" };
        if (annotations.Count > 0) layout["annotations"] = annotations;
        // Histograms in one chart compare distributions (source vs target features): overlay them, not side by side.
        if (data.Count(t => (string?)t!["type"] == "histogram") > 1) layout["barmode"] = "overlay";
        return new JsonObject { ["data"] = data, ["layout"] = layout };
    }

    /// <summary>The figure's JSON, indented, non-ASCII kept readable.</summary>
    public string ToJson() => ToPlotly().ToJsonString(ReadableJson) + "\n";

    private static readonly JsonSerializerOptions ReadableJson = new()
    {
        WriteIndented = true, IndentSize = 2, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Charts with one panel each: grids cannot be combined or nested.</summary>
    private static List<GenericChart> Singles(IEnumerable<GenericChart> charts, string operation)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var list = charts.ToList();
        if (list.Count == 0) throw new ArgumentException($"{operation} needs at least one chart");
        if (list.Any(c => c is null || c._grid is not null)) throw new ArgumentException($"{operation} takes single charts, not grids or nulls");
        return list;
    }
}
