using System.Text.Json;
using System.Text.Json.Nodes;

namespace Papers.Testing;

/// <summary>Structural comparison of two JSON texts, each difference named by its path (<c>$.data[0].y[3]</c>).</summary>
internal static class JsonDiff
{
    public static IReadOnlyList<string> Compare(string verified, string received, Tolerance numbers)
    {
        var options = new JsonNodeOptions { PropertyNameCaseInsensitive = false };
        var differences = new List<string>();
        Walk("$", JsonNode.Parse(verified, options), JsonNode.Parse(received, options), numbers, differences);
        return differences;
    }

    private static void Walk(string path, JsonNode? expected, JsonNode? actual, Tolerance numbers, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (a.TryGetPropertyValue(key, out var other)) Walk($"{path}.{key}", value, other, numbers, differences);
                    else differences.Add($"{path}.{key}: missing");
                }
                foreach (var (key, _) in a)
                    if (!e.ContainsKey(key)) differences.Add($"{path}.{key}: unexpected");
                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count) differences.Add($"{path}: expected {e.Count} items, actual {a.Count}");
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++) Walk($"{path}[{i}]", e[i], a[i], numbers, differences);
                return;
            case (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number:
                var x = e.GetValue<double>();
                var y = a.GetValue<double>();
                if (!numbers.Accepts(x, y)) differences.Add($"{path}: expected {e.ToJsonString()}, actual {a.ToJsonString()} (tolerance {numbers})");
                return;
            default:
                var expectedText = expected?.ToJsonString() ?? "null";
                var actualText = actual?.ToJsonString() ?? "null";
                if (expectedText != actualText) differences.Add($"{path}: expected {Short(expectedText)}, actual {Short(actualText)}");
                return;
        }
    }

    private static string Short(string json) => json.Length <= 80 ? json : json[..77] + "...";
}
