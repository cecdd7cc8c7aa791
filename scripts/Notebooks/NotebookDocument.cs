using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Papers.Notebooks.Runner;

public enum CellKind
{
    Code,
    Markdown,
    Raw,
}

/// <summary>One cell; <paramref name="Number"/> counts every cell from 1, as a reader counts them in a viewer.</summary>
public sealed record Cell(int Number, CellKind Kind, string Language, string Source);

/// <summary>
/// A Polyglot notebook: an nbformat 4 <c>.ipynb</c> (cells with outputs) or a <c>.dib</c> (<c>#!csharp</c> and
/// <c>#!markdown</c> sections, no outputs). Writing keeps everything but the outputs as it was.
/// </summary>
public sealed class NotebookDocument
{
    public const string DefaultLanguage = "csharp";

    private readonly JsonObject? _json;

    private NotebookDocument(string name, IReadOnlyList<Cell> cells, JsonObject? json)
    {
        Name = name;
        Cells = cells;
        _json = json;
    }

    /// <summary>The file name, as <c>#line</c> directives and error messages name it.</summary>
    public string Name { get; }

    public IReadOnlyList<Cell> Cells { get; }

    /// <summary>False for a .dib, which has nowhere to keep outputs.</summary>
    public bool HoldsOutputs => _json is not null;

    public static NotebookDocument Load(string path)
    {
        var text = File.ReadAllText(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ipynb" => ParseIpynb(Path.GetFileName(path), text),
            ".dib" => ParseDib(Path.GetFileName(path), text),
            var other => throw new NotebookException($"{path}: a notebook is .ipynb or .dib, not '{other}'"),
        };
    }

    public static NotebookDocument ParseIpynb(string name, string text)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject ?? throw new NotebookException($"{name}: not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new NotebookException($"{name}: not valid JSON ({e.Message})");
        }
        if (json["nbformat"]?.GetValue<int>() is not 4)
            throw new NotebookException($"{name}: nbformat {json["nbformat"]?.ToJsonString() ?? "(missing)"}; the runner reads nbformat 4");
        var notebookLanguage = json["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? DefaultLanguage;
        var cells = json["cells"] as JsonArray ?? throw new NotebookException($"{name}: no \"cells\" array");
        var result = new List<Cell>();
        foreach (var (node, i) in cells.Select((c, i) => (c as JsonObject, i)))
        {
            if (node is null) throw new NotebookException($"{name}: cell {i + 1} is not a JSON object");
            var kind = node["cell_type"]?.GetValue<string>() switch
            {
                "code" => CellKind.Code,
                "markdown" => CellKind.Markdown,
                "raw" => CellKind.Raw,
                var other => throw new NotebookException($"{name}: cell {i + 1} has cell_type '{other}'"),
            };
            var metadata = node["metadata"];
            var language = Normalize(metadata?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
                ?? metadata?["dotnet_interactive"]?["language"]?.GetValue<string>()
                ?? notebookLanguage);
            result.Add(new Cell(i + 1, kind, language, MultilineString(node["source"], name, i + 1)));
        }
        return new NotebookDocument(name, result, json);
    }

    /// <summary>The kernels Polyglot writes as .dib section headers, besides those the #!meta section names.</summary>
    private static readonly string[] DibKernels = ["meta", "markdown", "csharp", "fsharp", "pwsh", "javascript", "html", "mermaid", "sql", "kql", "value", "http"];

    /// <summary>
    /// A .dib: an optional <c>#!meta</c> JSON section, then sections each opened by <c>#!kernel</c> on a line of its
    /// own. Other <c>#!</c> lines are magic commands inside a section (the translator says which it cannot run).
    /// </summary>
    public static NotebookDocument ParseDib(string name, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var kernels = new HashSet<string>(DibKernels, StringComparer.Ordinal);
        var sections = new List<(string Kernel, List<string> Lines)>();
        foreach (var line in lines)
        {
            var header = line.StartsWith("#!", StringComparison.Ordinal) ? Normalize(line[2..].Trim()) : null;
            if (header is not null && sections.Count > 0 && sections[^1].Kernel == "meta") kernels.UnionWith(MetaKernels(sections[^1].Lines));
            if (header is not null && kernels.Contains(header))
            {
                sections.Add((header, []));
                continue;
            }
            if (sections.Count == 0)
            {
                if (line.Trim().Length > 0) throw new NotebookException($"{name}: text before the first #!kernel line: '{line.Trim()}'");
                continue;
            }
            sections[^1].Lines.Add(line);
        }
        var cells = sections.Where(s => s.Kernel != "meta")
            .Select((s, i) => new Cell(i + 1, s.Kernel == "markdown" ? CellKind.Markdown : CellKind.Code, s.Kernel,
                string.Join('\n', s.Lines).Trim('\n')))
            .ToList();
        return new NotebookDocument(name, cells, json: null);
    }

    /// <summary>Polyglot's aliases for C#: <c>#!c#</c> and <c>#!C#</c>.</summary>
    internal static string Normalize(string kernel) => kernel is "c#" or "C#" ? "csharp" : kernel;

    /// <summary>The kernel names and aliases in a #!meta section's kernelInfo (none if its JSON does not parse).</summary>
    private static IEnumerable<string> MetaKernels(List<string> meta)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(string.Join('\n', meta));
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
        var items = json?["kernelInfo"]?["items"] as JsonArray ?? [];
        return items.OfType<JsonObject>().SelectMany(item =>
            (item["aliases"] as JsonArray ?? []).Select(a => a?.GetValue<string>()).Append(item["name"]?.GetValue<string>()))
            .OfType<string>().Select(Normalize);
    }

    /// <summary>
    /// The notebook as nbformat text with <paramref name="outputs"/> in their cells: code cells that ran get execution
    /// counts 1, 2, … in order, the others none and no outputs. Cells without an id get one derived from their
    /// position and source, so writing an unchanged notebook again gives the same bytes.
    /// </summary>
    public string WithOutputs(IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> outputs)
    {
        var json = (JsonObject)(_json ?? throw new InvalidOperationException($"{Name}: a .dib holds no outputs")).DeepClone();
        var cells = (JsonArray)json["cells"]!;
        var count = 0;
        foreach (var cell in Cells)
        {
            var node = (JsonObject)cells[cell.Number - 1]!;
            node["id"] ??= CellId(cell);
            if (cell.Kind != CellKind.Code) continue;
            if (outputs.TryGetValue(cell.Number, out var cellOutputs))
            {
                node["execution_count"] = ++count;
                node["outputs"] = new JsonArray(cellOutputs.Select(o => (JsonNode?)o.ToJson()).ToArray());
            }
            else
            {
                node["execution_count"] = null;
                node["outputs"] = new JsonArray();
            }
        }
        return NbJson.Write(json);
    }

    /// <summary>The notebook with every output and execution count cleared.</summary>
    public string Stripped() => WithOutputs(new Dictionary<int, IReadOnlyList<CellOutput>>());

    private static string CellId(Cell cell) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{cell.Number}\n{cell.Source}")))[..8];

    /// <summary>nbformat's multiline string: one string, or a list of strings to be joined.</summary>
    private static string MultilineString(JsonNode? node, string name, int cell) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => throw new NotebookException($"{name}: cell {cell}'s source is neither a string nor a list of strings"),
    };
}
