using System.Text.Json.Nodes;

namespace Papers.Notebooks;

/// <summary>
/// One displayed value as a Jupyter mime bundle: text/plain always (what a terminal or a plain viewer shows), and
/// text/html or image/png (base64) when the value has a richer form. Front ends show the richest they support.
/// </summary>
public sealed record DisplayData(string Text, string? Html = null, string? Png = null)
{
    public const string TextMime = "text/plain";
    public const string HtmlMime = "text/html";
    public const string PngMime = "image/png";

    /// <summary>The bundle as nbformat's <c>data</c> object, mime type → content.</summary>
    public JsonObject ToJson()
    {
        var data = new JsonObject { [TextMime] = Text };
        if (Html is not null) data[HtmlMime] = Html;
        if (Png is not null) data[PngMime] = Png;
        return data;
    }

    /// <summary>Reads a bundle written by <see cref="ToJson"/>; text/plain is required, unknown mime types are refused.</summary>
    public static DisplayData FromJson(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var (mime, _) in data)
        {
            if (mime is not (TextMime or HtmlMime or PngMime))
                throw new FormatException($"display data: unknown mime type '{mime}' (known: {TextMime}, {HtmlMime}, {PngMime})");
        }
        var text = String(data, TextMime) ?? throw new FormatException($"display data without {TextMime}");
        return new DisplayData(text, String(data, HtmlMime), String(data, PngMime));
    }

    private static string? String(JsonObject data, string mime) =>
        data[mime] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            var other => throw new FormatException($"display data: {mime} is {other.GetValueKind()}, not a string"),
        };
}
