using System.Text;
using Papers.Shared.Repro;
using Papers.Shared.Results;

namespace Papers.Notebooks;

/// <summary>Where a paper's result file was found, and whether it came from a quick run rather than a full one.</summary>
public sealed record ResultsFile(string Path, bool IsQuick);

/// <summary>
/// A paper's results in a cell. Full runs write results/&lt;paper&gt;/; until one has, a quick run's
/// artifacts/&lt;paper&gt;/ stands in, and a note above says so; with neither, a note names the command that makes them.
/// </summary>
public static class PaperResults
{
    /// <summary>The paper's <paramref name="file"/> under results/ (full run), else under artifacts/ (quick run), else null.</summary>
    public static ResultsFile? Find(string paper, string file, string? repositoryRoot = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(paper);
        ArgumentException.ThrowIfNullOrEmpty(file);
        var root = repositoryRoot ?? RepoRoot.Require();
        var full = Path.Combine(root, "results", paper, file);
        if (File.Exists(full)) return new ResultsFile(full, IsQuick: false);
        var quick = Path.Combine(root, "artifacts", paper, file);
        return File.Exists(quick) ? new ResultsFile(quick, IsQuick: true) : null;
    }

    /// <summary>Displays a table CSV (<c>table,row,column,statistic,paper,ours_mean,ours_std,n</c>) as the paper beside ours.</summary>
    public static void ShowTable(string paper, string file, string? repositoryRoot = null) =>
        Notebook.display(Table(paper, file, repositoryRoot));

    /// <summary>The HTML <see cref="ShowTable"/> displays: the note, if any, then the table.</summary>
    public static Html Table(string paper, string file, string? repositoryRoot = null)
    {
        if (Find(paper, file, repositoryRoot) is not { } found) return Missing(paper, file);
        var table = ToHtml(Csv.Read<TableRow>(found.Path));
        if (!found.IsQuick) return table;
        var note = QuickNote(paper, file);
        return new Html(note.Content + table.Content, note.Text + "\n" + table.Text);
    }

    /// <summary>Displays a figure's PNG (e.g. <c>figures/training.png</c>), under the same rules as <see cref="ShowTable"/>.</summary>
    public static void ShowFigure(string paper, string file, string? repositoryRoot = null)
    {
        if (Find(paper, file, repositoryRoot) is not { } found)
        {
            Notebook.display(Missing(paper, file));
            return;
        }
        if (found.IsQuick) Notebook.display(QuickNote(paper, file));
        Notebook.display(Png.FromFile(found.Path));
    }

    /// <summary>One HTML table per paper table, with PaperTable's columns and numbers; the text form is PaperTable.Format.</summary>
    public static Html ToHtml(IReadOnlyList<TableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder();
        foreach (var group in rows.GroupBy(r => r.Table))
        {
            html.Append("<table>\n<caption>").Append(Html.Escape(group.Key)).Append("</caption>\n<thead><tr>");
            foreach (var header in PaperTable.Columns) html.Append("<th>").Append(Html.Escape(header)).Append("</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in group)
            {
                html.Append("<tr>");
                // Columns from "paper" on are numbers: right-aligned, as PaperTable prints them.
                foreach (var (cell, i) in PaperTable.Cells(row).Select((c, i) => (c, i)))
                    html.Append(i >= NumberColumns ? "<td style=\"text-align: right\">" : "<td>").Append(Html.Escape(cell)).Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        return new Html(html.ToString(), PaperTable.Format(rows));
    }

    private const int NumberColumns = 3;

    private static Html QuickNote(string paper, string file) =>
        Html.Paragraph($"results/{paper}/{file} is not there yet; showing the quick run's artifacts/{paper}/{file} " +
                       $"(a quick run, for a look only; `dotnet run --project papers/{paper}` makes the full results).");

    private static Html Missing(string paper, string file) =>
        Html.Paragraph($"results/{paper}/{file} is not there yet: a full run of papers/{paper} writes it (its README gives the command).");
}
