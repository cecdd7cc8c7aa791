using System.Text.Json.Nodes;

namespace Papers.Shared.Figures;

/// <summary>One axis's layout; unset fields leave plotly's defaults, and merging keeps the fields already set.</summary>
internal sealed record AxisStyle
{
    public string? Title { get; init; }

    public (double Min, double Max)? Range { get; init; }

    public StyleParam.AxisType? Type { get; init; }

    public bool? ShowGrid { get; init; }

    public bool Hidden { get; init; }

    public bool Reversed { get; init; }

    public static AxisStyle Default { get; } = new();

    public AxisStyle Merge(AxisStyle other) => new()
    {
        Title = other.Title ?? Title,
        Range = other.Range ?? Range,
        Type = other.Type ?? Type,
        ShowGrid = other.ShowGrid ?? ShowGrid,
        Hidden = other.Hidden || Hidden,
        Reversed = other.Reversed || Reversed,
    };

    public JsonObject ToJson()
    {
        var axis = new JsonObject();
        if (Title is not null) axis["title"] = new JsonObject { ["text"] = Title };
        if (Type is { } type) axis["type"] = type == StyleParam.AxisType.Log ? "log" : "linear";
        if (Range is var (min, max))
        {
            // plotly takes a log axis's range in powers of ten.
            axis["range"] = Type == StyleParam.AxisType.Log ? new JsonArray(Math.Log10(min), Math.Log10(max)) : new JsonArray(min, max);
        }
        if (ShowGrid is { } grid) axis["showgrid"] = grid;
        if (Hidden) axis["visible"] = false;
        if (Reversed) axis["autorange"] = "reversed";
        return axis;
    }
}
