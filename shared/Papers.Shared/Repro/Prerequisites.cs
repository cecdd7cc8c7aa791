using Papers.Shared.Data;

namespace Papers.Shared.Repro;

/// <summary>
/// Something a run needs before its first step (plotly.js, Chromium, a data file), checked by <see cref="Problem"/>:
/// null when it is there, else one line naming what is missing and the fix.
/// </summary>
public sealed record Prerequisite(string Name, Func<string?> Problem)
{
    /// <summary>A file at a fixed path, such as a system package's, with the <paramref name="fix"/> when it is absent.</summary>
    public static Prerequisite File(string path, string fix) =>
        new(path, () => System.IO.File.Exists(path) ? null : $"{path} not found: {fix}");

    /// <summary>
    /// A data file of the catalogue (<c>planetoid/ind.cora.x</c>): found in the data folders, or downloaded now, so
    /// that a run never trains first and then finds its data missing.
    /// </summary>
    public static Prerequisite DataFile(string path, DataStore? store = null) => new(path, () =>
    {
        try
        {
            (store ?? DataFiles.Default).Get(path);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            // The store's message lists the folders searched and the fix over several lines; here it is one.
            return string.Join(" ", e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
    });
}

/// <summary>
/// Checks everything a run needs before its first step, so that a run that cannot finish does not start: every
/// paper's Program.cs names what its data need, and <see cref="Cli.PaperMain.Start{T}"/> adds what the figures need
/// and checks them all right after reading the command line.
/// <code>
/// var (config, results) = PaperMain.Start("gcn", new GcnConfig(), args, c => Planetoid.Prerequisites(c.Datasets));
/// </code>
/// </summary>
public static class Prerequisites
{
    /// <summary>The exit code when something is missing: the run cannot start as asked, as with a usage error.</summary>
    public const int ExitCode = Cli.Cli.UsageError;

    /// <summary>One line for each prerequisite that is missing, in the order given; empty when all are there.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<Prerequisite> prerequisites)
    {
        ArgumentNullException.ThrowIfNull(prerequisites);
        return prerequisites.Select(p => p.Problem()).OfType<string>().ToList();
    }

    /// <summary>
    /// Returns when everything is there; otherwise writes <c>error: </c> and the problem, one line each, to standard
    /// error and exits with <see cref="ExitCode"/>, before anything is trained or written.
    /// </summary>
    public static void Require(IEnumerable<Prerequisite> prerequisites)
    {
        var problems = Problems(prerequisites);
        if (problems.Count == 0) return;
        foreach (var problem in problems) Console.Error.WriteLine($"error: {problem}");
        Environment.Exit(ExitCode);
    }
}
