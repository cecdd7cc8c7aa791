using System.Text.RegularExpressions;

namespace Papers.Notebooks.Runner;

/// <summary>A compiler message, with the cell and cell line it came from when <c>#line</c> mapped it to one.</summary>
public sealed record Diagnostic(int? Cell, int Line, int Column, string Severity, string Code, string Message);

/// <summary>Compiler messages and stack traces read back into cells and lines.</summary>
public static partial class Diagnostics
{
    /// <summary>
    /// The errors and warnings in the build's output (MSBuild prints each once per pass; repeats are dropped).
    /// <c>path/gcn.ipynb#cell3(2,9): error CS0103: …</c> becomes cell 3, line 2, column 9; other files have no cell.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Parse(string output, string notebookName)
    {
        var result = new List<Diagnostic>();
        foreach (var line in output.Split('\n'))
        {
            if (CompilerMessage().Match(line.TrimEnd('\r')) is not { Success: true } m) continue;
            var file = m.Groups["file"].Value;
            int? cell = CellFile().Match(file) is { Success: true } c && Path.GetFileName(file[..^c.Length]) == notebookName
                ? int.Parse(c.Groups["cell"].Value)
                : null;
            var d = new Diagnostic(cell, Number(m.Groups["line"]), Number(m.Groups["column"]),
                m.Groups["severity"].Value, m.Groups["code"].Value, m.Groups["message"].Value);
            if (!result.Contains(d)) result.Add(d);
        }
        return result;
    }

    /// <summary>One message as a reader wants it: the cell, line and column, then the cell's line of code.</summary>
    public static string Describe(Diagnostic d, NotebookDocument notebook)
    {
        var message = $"{d.Severity} {d.Code}: {d.Message}";
        if (d.Cell is not { } cell) return message;
        var where = d.Line > 0 ? $"{notebook.Name}, cell {cell}, line {d.Line}, column {d.Column}" : $"{notebook.Name}, cell {cell}";
        return $"{where}: {message}" + SourceLine(notebook, cell, d.Line);
    }

    /// <summary>The innermost frame of a stack trace that lies in a cell: <c>in gcn.ipynb#cell5:line 3</c>.</summary>
    public static (int Cell, int Line)? Locate(IEnumerable<string> traceback, string notebookName)
    {
        foreach (var line in traceback)
        {
            if (TraceFrame().Match(line) is { Success: true } m && Path.GetFileName(m.Groups["file"].Value) == notebookName)
                return (int.Parse(m.Groups["cell"].Value), int.Parse(m.Groups["line"].Value));
        }
        return null;
    }

    /// <summary>"\n    | code" for a cell's line, or nothing when the line is not in the cell.</summary>
    public static string SourceLine(NotebookDocument notebook, int cell, int line)
    {
        var source = notebook.Cells.FirstOrDefault(c => c.Number == cell)?.Source.Replace("\r\n", "\n").Split('\n');
        return source is not null && line >= 1 && line <= source.Length ? $"\n    | {source[line - 1].TrimEnd()}" : "";
    }

    private static int Number(Group g) => g.Success ? int.Parse(g.Value) : 0;

    [GeneratedRegex(@"^\s*(?<file>.+?)(\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\))?\s*: (?<severity>error|warning) (?<code>[A-Z]+\d+): (?<message>.*?)(\s+\[[^\]]*\])?$")]
    private static partial Regex CompilerMessage();

    [GeneratedRegex(@"#cell(?<cell>\d+)$")]
    private static partial Regex CellFile();

    [GeneratedRegex(@" in (?<file>.+?)#cell(?<cell>\d+):line (?<line>\d+)")]
    private static partial Regex TraceFrame();
}
