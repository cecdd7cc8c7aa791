using System.Globalization;
using Spectre.Console;

namespace Papers.Shared.Results;

/// <summary>
/// The paper's numbers beside ours, large enough to read on a projector: a Spectre.Console table on a terminal,
/// plain aligned text when the output is redirected to a file or a CI log.
/// </summary>
public static class PaperTable
{
    internal static readonly string[] Headers = ["row", "column", "statistic", "paper", "ours (mean ± std, n)", "Δ"];

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
        foreach (var group in groups)
        {
            var table = new Table { Title = new TableTitle(Markup.Escape(group.Key), new Style(decoration: Decoration.Bold)), Border = TableBorder.Rounded };
            foreach (var (header, i) in Headers.Select((h, i) => (h, i)))
                table.AddColumn(new TableColumn(Markup.Escape(header)) { Alignment = i >= 3 ? Justify.Right : Justify.Left, NoWrap = i >= 3 });
            foreach (var row in group) table.AddRow(Cells(row).Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
        }
    }

    /// <summary>The plain-text form: per table, its name and then aligned columns, numbers right-aligned.</summary>
    public static string Format(IEnumerable<TableRow> rows)
    {
        var text = new System.Text.StringBuilder();
        foreach (var group in rows.GroupBy(r => r.Table))
        {
            var lines = new List<string[]> { Headers };
            lines.AddRange(group.Select(Cells));
            var widths = Enumerable.Range(0, Headers.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
            text.Append(group.Key).Append('\n');
            foreach (var line in lines)
            {
                var cells = line.Select((cell, c) => c >= 3 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
                text.Append(("  " + string.Join("  ", cells)).TrimEnd()).Append('\n');
            }
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
