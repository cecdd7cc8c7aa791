using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Papers.Notebooks.Runner;

/// <summary>
/// JSON as nbformat writes notebooks (<c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)</c> and a final
/// newline), so a notebook saved by Jupyter and one written here differ only where their content does. The Documents
/// library's own text is parsed and written again this way.
/// </summary>
public static class NbJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 1,
        // Unicode as itself (Σ, Â, ±), as ensure_ascii=False leaves it; quotes and control characters stay escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options)) Sorted(node)?.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
