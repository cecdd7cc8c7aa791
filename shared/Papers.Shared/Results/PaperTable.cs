using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Papers.Shared.Results;

/// <summary>
/// The paper's numbers beside ours, large enough to read on a projector: a Spectre.Console table on a terminal,
/// plain aligned text when the output is redirected to a file or a CI log. Each statistic, often a sentence, is a
/// numbered note under its table ([1], [2], ...; rows with the same statistic share one), so that the table fits a
/// laptop's terminal; the CSV, the README tables and the notebooks' HTML keep the statistic in its column.
/// </summary>
public static class PaperTable
{
    /// <summary>The most columns a printed table and its notes take (fewer on a narrower terminal).</summary>
    public const int Width = 120;

    internal static readonly string[] Headers = ["row", "column", "statistic", "paper", "ours (mean ± std, n)", "Δ"];

    private const int StatisticColumn = 2;

    /// <summary>The column headers of <see cref="Cells"/>, for tables drawn elsewhere (notebooks' HTML).</summary>
    public static IReadOnlyList<string> Columns => Headers;

    public static void Print(IEnumerable<TableRow> rows)
    {
        var groups = rows.GroupBy(r => r.Table).ToList();
        if (Console.IsOutputRedirected)
        {
            Console.Out.Write(Format(groups.SelectMany(g => g)));
            return;
        }
        var width = Math.Min(Width, AnsiConsole.Profile.Width);
        foreach (var group in groups)
        {
            var (cells, notes) = Noted(group);
            var table = new Table { Title = new TableTitle(Markup.Escape(group.Key), new Style(decoration: Decoration.Bold)), Border = TableBorder.Rounded };
            foreach (var (header, i) in Headers.Select((h, i) => (h, i)))
                table.AddColumn(new TableColumn(Markup.Escape(header)) { Alignment = i >= 3 ? Justify.Right : Justify.Left, NoWrap = i >= 3 });
            foreach (var row in cells) table.AddRow(row.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
            foreach (var line in NoteLines(notes, width)) AnsiConsole.WriteLine(line);
        }
    }

    /// <summary>
    /// The plain-text form: per table, its name, then aligned columns with numbers right-aligned, then the notes that
    /// hold the statistics, wrapped at <see cref="Width"/>.
    /// </summary>
    public static string Format(IEnumerable<TableRow> rows)
    {
        var text = new StringBuilder();
        foreach (var group in rows.GroupBy(r => r.Table))
        {
            var (cells, notes) = Noted(group);
            var lines = new List<string[]> { Headers };
            lines.AddRange(cells);
            var widths = Enumerable.Range(0, Headers.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
            text.Append(group.Key).Append('\n');
            foreach (var line in lines)
            {
                var padded = line.Select((cell, c) => c >= 3 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
                text.Append(("  " + string.Join("  ", padded)).TrimEnd()).Append('\n');
            }
            foreach (var line in NoteLines(notes, Width)) text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>row, column, statistic, paper, ours, Δ as text, ours and Δ with one decimal more than the paper prints.</summary>
    public static string[] Cells(TableRow row)
    {
        var decimals = Decimals(row);
        var mean = Number(row.OursMean, decimals);
        var ours = row.N == 1 || double.IsNaN(row.OursStd)
            ? $"{mean} (n={row.N})"
            : $"{mean} ± {Number(row.OursStd, decimals)} (n={row.N})";
        var delta = row.Delta() is { } d ? (d >= 0 ? "+" : "") + Number(d, decimals) : "";
        var paper = row.Paper is { } p ? p.ToString("R", CultureInfo.InvariantCulture) : "";
        return [row.Row, row.Column, row.Statistic, paper, ours, delta];
    }

    /// <summary>Each row's cells with its statistic replaced by the number of its note; the notes, one per distinct statistic.</summary>
    private static (List<string[]> Cells, List<string> Notes) Noted(IEnumerable<TableRow> rows)
    {
        var (cells, notes) = (new List<string[]>(), new List<string>());
        foreach (var row in rows)
        {
            var line = Cells(row);
            if (line[StatisticColumn].Length > 0)
            {
                var note = notes.IndexOf(line[StatisticColumn]);
                if (note < 0) notes.Add(line[StatisticColumn]);
                line[StatisticColumn] = Marker(note < 0 ? notes.Count - 1 : note);
            }
            cells.Add(line);
        }
        return (cells, notes);
    }

    private static string Marker(int note) => $"[{note + 1}]";

    /// <summary>"  [1] text", wrapped between words at <paramref name="width"/>, continued under the text.</summary>
    private static IEnumerable<string> NoteLines(IReadOnlyList<string> notes, int width)
    {
        for (var note = 0; note < notes.Count; note++)
        {
            var prefix = $"  {Marker(note)} ";
            var line = new StringBuilder(prefix);
            foreach (var word in notes[note].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var empty = line.Length == prefix.Length;
                if (!empty && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    (line, empty) = (new StringBuilder().Append(' ', prefix.Length), true);
                }
                line.Append(empty ? "" : " ").Append(word);
            }
            yield return line.ToString();
        }
    }

    /// <summary>
    /// A paper printing 81.5 is read to one decimal, so ours shows two; without a paper value, four significant digits.
    /// </summary>
    private static int Decimals(TableRow row)
    {
        if (row.Paper is { } paper && double.IsFinite(paper))
        {
            var text = paper.ToString("R", CultureInfo.InvariantCulture);
            var point = text.IndexOf('.');
            var paperDecimals = text.Contains('E') ? 6 : point < 0 ? 0 : text.Length - point - 1;
            return Math.Clamp(paperDecimals + 1, 1, 6);
        }
        var magnitude = Math.Abs(row.OursMean);
        return magnitude is 0 || !double.IsFinite(magnitude) ? 4 : Math.Clamp(3 - (int)Math.Floor(Math.Log10(magnitude)), 0, 6);
    }

    private static string Number(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals, CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}
