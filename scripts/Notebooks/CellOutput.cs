using System.Text.Json.Nodes;

namespace Papers.Notebooks.Runner;

/// <summary>One output of a code cell, as nbformat 4 stores it.</summary>
public abstract record CellOutput
{
    public abstract JsonObject ToJson();

    /// <summary>nbformat's multiline string as Jupyter writes it: lines, each keeping its '\n'.</summary>
    internal static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }
}

/// <summary>Text the cell wrote to standard output (and standard error, which the program joins to it).</summary>
public sealed record StreamOutput(string Text) : CellOutput
{
    public override JsonObject ToJson() => new()
    {
        ["name"] = "stdout",
        ["output_type"] = "stream",
        ["text"] = Lines(Text),
    };
}

/// <summary>A value the cell displayed.</summary>
public sealed record DisplayOutput(DisplayData Data) : CellOutput
{
    public override JsonObject ToJson()
    {
        var data = new JsonObject { [DisplayData.TextMime] = Lines(Data.Text) };
        if (Data.Html is not null) data[DisplayData.HtmlMime] = Lines(Data.Html);
        if (Data.Png is not null) data[DisplayData.PngMime] = Data.Png;
        return new JsonObject
        {
            ["data"] = data,
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        };
    }
}

/// <summary>The exception that ended the run in this cell.</summary>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : CellOutput
{
    public override JsonObject ToJson() => new()
    {
        ["ename"] = Name,
        ["evalue"] = Value,
        ["output_type"] = "error",
        ["traceback"] = new JsonArray(Traceback.Select(t => (JsonNode?)t).ToArray()),
    };
}
