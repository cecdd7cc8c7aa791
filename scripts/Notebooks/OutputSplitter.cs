using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Papers.Notebooks.Runner;

/// <summary>
/// Splits the program's standard output back into cells by the <see cref="Protocol"/> directives: text between
/// directives is the current cell's stream output, a display directive one display output, an error directive the
/// cell's error. A directive may follow text on the same line (a cell that ended with Console.Write).
/// </summary>
public sealed class OutputSplitter
{
    private readonly Dictionary<int, List<CellOutput>> _outputs = [];
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _preamble = new();
    private int _line;

    /// <summary>The cell whose output is being read; null before the first cell directive.</summary>
    public int? CurrentCell { get; private set; }

    /// <summary>The cell that raised the error directive, if any.</summary>
    public int? ErrorCell { get; private set; }

    /// <summary>What came before the first cell directive: the build's messages.</summary>
    public string Preamble => _preamble.ToString();

    /// <summary>Each cell that ran, with its outputs in order.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> Outputs
    {
        get
        {
            Flush();
            return _outputs.ToDictionary(p => p.Key, p => (IReadOnlyList<CellOutput>)p.Value);
        }
    }

    public static OutputSplitter Split(IEnumerable<string> lines)
    {
        var splitter = new OutputSplitter();
        foreach (var line in lines) splitter.Add(line);
        return splitter;
    }

    /// <summary>One line of standard output, without its line end.</summary>
    public void Add(string line)
    {
        _line++;
        var rest = line;
        while (rest.IndexOf(Protocol.Marker, StringComparison.Ordinal) is var at and >= 0)
        {
            Text(rest[..at]);
            var directive = rest[(at + Protocol.Marker.Length)..];
            var next = directive.IndexOf(Protocol.Marker, StringComparison.Ordinal);
            Directive(next < 0 ? directive : directive[..next]);
            if (next < 0) return;
            rest = directive[next..];
        }
        Text(rest + "\n");
    }

    private void Text(string text)
    {
        if (text.Length == 0) return;
        (CurrentCell is null ? _preamble : _text).Append(text);
    }

    private void Directive(string directive)
    {
        var (name, argument) = directive.IndexOf(' ') is var space and >= 0 ? (directive[..space], directive[(space + 1)..]) : (directive, "");
        if (name == Protocol.CellDirective)
        {
            Flush();
            CurrentCell = int.TryParse(argument, out var cell) && cell > 0
                ? cell
                : throw Malformed($"cell directive with '{argument}' for a cell number");
            _outputs[cell] = [];
            return;
        }
        var cellOutputs = CurrentCell is { } current ? _outputs[current] : throw Malformed($"{name} directive before any cell");
        Flush();
        switch (name)
        {
            case Protocol.DisplayDirective:
                try
                {
                    cellOutputs.Add(new DisplayOutput(DisplayData.FromJson(Json(argument))));
                }
                catch (FormatException e)
                {
                    throw Malformed(e.Message);
                }
                break;
            case Protocol.ErrorDirective:
                var error = Json(argument);
                cellOutputs.Add(new ErrorOutput(
                    error["ename"]?.GetValue<string>() ?? throw Malformed("error directive without ename"),
                    error["evalue"]?.GetValue<string>() ?? "",
                    (error["traceback"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? "").ToList()));
                ErrorCell = CurrentCell;
                break;
            default:
                throw Malformed($"unknown directive '{name}'");
        }
    }

    private JsonObject Json(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw Malformed("directive payload is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Malformed($"directive payload is not JSON ({e.Message})");
        }
    }

    private void Flush()
    {
        if (_text.Length == 0 || CurrentCell is not { } cell) return;
        _outputs[cell].Add(new StreamOutput(_text.ToString()));
        _text.Clear();
    }

    private NotebookException Malformed(string what) => new($"the program's output, line {_line}: {what}");
}
