using System.Globalization;
using Papers.Shared.Checkpoints;
using Papers.Shared.Results;

namespace Papers.DirtT;

/// <summary>One VADA run of the search: its λs and its accuracy on the labelled target validation images.</summary>
public sealed record SearchRun(int InstanceNorm, int Seed, double DomainWeight, double SourceWeight, double TargetWeight, long Iterations,
    double ValidationAccuracy, bool Chosen);

/// <summary>
/// The paper's hyperparameter search: VADA trained with every (λ_d, λ_s, λ_t) of the grid, each judged by its EMA
/// model's accuracy on labelled target training images, the best kept for VADA and for the DIRT-T run that starts from
/// it. Only those validation labels enter the choice; the target test set is not read. Each trial is checkpointed
/// apart from the table's cells (under <c>checkpoints/search/</c>), so --resume continues a search too.
/// </summary>
public static class Search
{
    /// <summary>The grid in the order it is tried: λ_d, then λ_s, then λ_t; among equal accuracies the first wins.</summary>
    public static IEnumerable<(double DomainWeight, double SourceWeight, double TargetWeight)> Grid(DirtTConfig config) =>
        from dw in config.SearchDomainWeights from sw in config.SearchSourceWeights from tw in config.SearchTargetWeights select (dw, sw, tw);

    /// <summary>Trains every trial of the grid on <paramref name="validation"/>'s labels, and returns the config with the chosen λs.</summary>
    public static (DirtTConfig Chosen, List<SearchRun> Runs) Choose(DirtTConfig config, int instanceNorm, int seed, Func<Network> build,
        IDomainData source, IDomainData target, IDomainData validation)
    {
        var runs = new List<SearchRun>();
        var iterations = config.SearchIterations > 0 ? config.SearchIterations : config.Iterations;
        foreach (var (dw, sw, tw) in Grid(config))
        {
            var trial = config with
            {
                DomainWeight = dw, SourceWeight = sw, TargetWeight = tw, Iterations = iterations,
                Out = Path.Combine(CheckpointFolder(config), "search", Invariant($"inorm{instanceNorm}-seed{seed}-dw{dw}-sw{sw}-tw{tw}")),
            };
            var run = Train.Cell(trial, Methods.Vada, instanceNorm, seed, build, source, (target, validation), [], evaluatedOn: "target validation");
            runs.Add(new SearchRun(instanceNorm, seed, dw, sw, tw, run.Iterations, run.TargetAccuracy, Chosen: false));
        }
        var best = runs.IndexOf(runs.MaxBy(r => r.ValidationAccuracy)!);
        runs[best] = runs[best] with { Chosen = true };
        Console.WriteLine(Invariant($"search, instance norm {instanceNorm}: λ_d = {runs[best].DomainWeight}, λ_s = {runs[best].SourceWeight}, λ_t = {runs[best].TargetWeight} ({runs[best].ValidationAccuracy:F2}% on {validation.Count} labelled target images)"));
        return (config with { DomainWeight = runs[best].DomainWeight, SourceWeight = runs[best].SourceWeight, TargetWeight = runs[best].TargetWeight }, runs);
    }

    /// <summary>The search as table rows: every trial's validation accuracy, the chosen one marked.</summary>
    public static IEnumerable<TableRow> Rows(DirtTConfig config, IEnumerable<SearchRun> runs, long validationImages) => runs.Select(r =>
        new TableRow("Table 1 search", Invariant($"VADA, λ_d = {r.DomainWeight}, λ_s = {r.SourceWeight}, λ_t = {r.TargetWeight}"),
            Tables.Column(config.Source, config.Target, r.InstanceNorm),
            Invariant($"accuracy (%) on {validationImages} labelled target training images after {r.Iterations} iterations{(r.Chosen ? ", chosen" : "")}"),
            null, r.ValidationAccuracy, double.NaN, 1));

    private static string CheckpointFolder(DirtTConfig config) => Path.GetDirectoryName(Checkpointer.DefaultPath(Train.Paper, config))!;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
