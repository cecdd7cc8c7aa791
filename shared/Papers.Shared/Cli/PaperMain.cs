using Papers.Shared.Figures;
using Papers.Shared.Repro;
using Papers.Shared.Results;
using Papers.Shared.Sweeps;

namespace Papers.Shared.Cli;

/// <summary>
/// The opening and the closing every paper's <c>Program.cs</c> shares, so that what lies between them is the paper's
/// outline: <see cref="Start{T}"/> before the first step, <see cref="Finish"/> after the last file is written.
/// </summary>
public static class PaperMain
{
    /// <summary>
    /// Binds <paramref name="args"/> to the config (--help and usage errors exit there), stops with exit code 2 when a
    /// figure tool or one of the data files <paramref name="data"/> names for this config is missing, prints the
    /// config, sets threads, device and seed (<see cref="Repro.Setup"/>), and opens the run's results. A paper whose
    /// config is a <see cref="GridConfig"/> also takes the verbs <c>sweep</c>, <c>merge</c> and <c>shard</c> first
    /// (<see cref="Sweep"/>): what follows is then one task of the sweep, or the merge's tabulation.
    /// </summary>
    public static (T Config, ResultsWriter Results) Start<T>(string paper, T defaults, string[] args, Func<T, IEnumerable<Prerequisite>> data)
        where T : RunConfig
    {
        var config = args is [var verb, ..] && Sweep.Verbs.Contains(verb) ? Sweep.Run(paper, defaults, args) : Cli.Apply(defaults, args);
        Prerequisites.Require([.. GenericChart.Prerequisites, .. data(config)]);
        Console.WriteLine(config);
        return (config, new ResultsWriter(paper, config, Repro.Repro.Setup(config)));
    }

    /// <summary>
    /// Publishes the run with its manifest (<see cref="ResultsWriter.WriteManifest"/>), then prints the paper's numbers
    /// beside ours and where the results are.
    /// </summary>
    public static void Finish(ResultsWriter results, IEnumerable<TableRow> table)
    {
        results.WriteManifest();
        PaperTable.Print(table);
        Console.WriteLine($"results: {results.Folder}");
    }
}
