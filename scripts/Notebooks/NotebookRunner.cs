using System.Diagnostics;
using Microsoft.DotNet.Interactive.Documents;

namespace Papers.Notebooks.Runner;

/// <summary>The modes: execute (run in the kernel, write outputs), check (compile only), strip (clear outputs).</summary>
public sealed class NotebookRunner(TextWriter log)
{
    /// <summary>
    /// Runs the code cells in order in a fresh kernel, with the notebook's folder as the working directory (where
    /// Polyglot runs it, and what its <c>#r</c> paths are relative to). The first failing cell stops the run; the
    /// cells after it are left without outputs.
    /// </summary>
    public async Task<bool> ExecuteAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        var notebook = NotebookFile.Load(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        (int Cell, CellFailure Failure)? failed = null;
        var ran = 0;
        try
        {
            using var session = new KernelSession();
            foreach (var (number, cell) in notebook.CodeCells())
            {
                cell.Outputs.Clear();
                cell.ExecutionOrder = 0;
                if (failed is not null) continue;
                var run = await session.RunAsync(cell.Contents, cell.KernelName ?? KernelSession.CSharp);
                cell.Outputs.AddRange(run.Outputs);
                cell.ExecutionOrder = ++ran;
                if (run.Failure is { } failure) failed = (number, failure);
            }
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        var written = notebook.HoldsOutputs && notebook.Save();
        if (!notebook.HoldsOutputs) PrintOutputs(notebook);
        if (failed is var (failedCell, f))
        {
            log.WriteLine(Describe(notebook, failedCell, f));
            return Fail($"{notebook.Name}: stopped at cell {failedCell}");
        }
        log.WriteLine($"{notebook.Name}: {ran} code cells ran in {clock.Elapsed.TotalSeconds:F1} s; " +
                      (!notebook.HoldsOutputs ? "a .dib keeps no outputs" : written ? "outputs written" : "outputs unchanged"));
        return true;
    }

    /// <summary>
    /// Compiles each code cell as the kernel would, after the cells before it, running none: a notebook's compile
    /// errors in seconds, without its work. Stops at the first cell that does not compile.
    /// </summary>
    public async Task<bool> CheckAsync(string path)
    {
        var notebook = NotebookFile.Load(path);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var errors = 0;
        try
        {
            using var session = new KernelSession();
            var script = await session.ScriptAsync();
            foreach (var (number, cell) in notebook.CodeCells())
            {
                (script, var failure) = KernelSession.Compile(script, cell.Contents);
                if (failure is null) continue;
                // The cells after a failing one would only repeat its error.
                log.WriteLine(Describe(notebook, number, failure));
                errors++;
                break;
            }
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
        if (errors > 0) return Fail($"{notebook.Name}: a cell does not compile");
        log.WriteLine($"{notebook.Name}: compiles");
        return true;
    }

    public bool Strip(string path)
    {
        var notebook = NotebookFile.Load(path);
        if (!notebook.HoldsOutputs)
        {
            log.WriteLine($"{notebook.Name}: a .dib holds no outputs");
            return true;
        }
        notebook.Strip();
        log.WriteLine($"{notebook.Name}: outputs {(notebook.Save() ? "cleared" : "already clear")}");
        return true;
    }

    /// <summary><c>gcn.ipynb, cell 7, line 3[, column 5]: message</c>, then the cell's line of code.</summary>
    public static string Describe(NotebookFile notebook, int cell, CellFailure failure)
    {
        var where = $"{notebook.Name}, cell {cell}" + (failure.Line is { } line ? $", line {line}" : "") +
                    (failure.Column is { } column ? $", column {column}" : "");
        var source = failure.Line is { } l ? notebook.SourceLine(cell, l) : null;
        return $"{where}: {failure.Message}" + (source is null ? "" : $"\n    | {source}");
    }

    /// <summary>A .dib keeps no outputs, so they are printed, cell by cell.</summary>
    private void PrintOutputs(NotebookFile notebook)
    {
        foreach (var (number, cell) in notebook.CodeCells().Where(c => c.Cell.Outputs.Count > 0))
        {
            log.WriteLine($"── {notebook.Name}, cell {number}");
            foreach (var output in cell.Outputs)
            {
                log.Write(output switch
                {
                    TextElement t => t.Text,
                    DisplayElement d => PlainText(d.Data) + "\n",
                    ReturnValueElement r => PlainText(r.Data) + "\n",
                    ErrorElement e => $"{e.ErrorName}: {e.ErrorValue}\n",
                    _ => "",
                });
            }
        }
    }

    /// <summary>A bundle's text/plain, else its first part as it stands (the kernel gives some values only text/html).</summary>
    private static string PlainText(IDictionary<string, object> data) =>
        data.TryGetValue("text/plain", out var text) ? $"{text}" : data.Values.FirstOrDefault() is { } first ? $"{first}" : "";

    private bool Fail(string message)
    {
        log.WriteLine(message);
        return false;
    }
}
