using System.Text.Json.Nodes;

namespace Papers.Notebooks.Tests;

/// <summary>Small Polyglot notebooks written in the tests, as VS Code writes them.</summary>
internal static class TestNotebooks
{
    public static string Ipynb(params (string Kind, string Source)[] cells) => new JsonObject
    {
        ["cells"] = new JsonArray(cells.Select(c => (JsonNode?)(c.Kind == "code"
            ? new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["outputs"] = new JsonArray(),
                ["source"] = c.Source,
            }
            : new JsonObject { ["cell_type"] = c.Kind, ["metadata"] = new JsonObject(), ["source"] = c.Source })).ToArray()),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp" } },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    }.ToJsonString();
}
