using Papers.Shared.Results;

namespace Papers.DirtT;

/// <summary>Table 1's MNIST → MNIST-M cells (arXiv:1802.08735 v2, Table 1), and our runs beside them.</summary>
public static class Tables
{
    /// <summary>Target test accuracy (%), by method and instance norm on the input (0 without, 1 with).</summary>
    public static readonly IReadOnlyDictionary<(string Method, int InstanceNorm), double> Table1 = new Dictionary<(string, int), double>
    {
        [(Methods.SourceOnly, 0)] = 58.5, [(Methods.Vada, 0)] = 97.7, [(Methods.DirtT, 0)] = 98.9,
        [(Methods.SourceOnly, 1)] = 59.9, [(Methods.Vada, 1)] = 95.7, [(Methods.DirtT, 1)] = 98.7,
    };

    public static readonly IReadOnlyDictionary<string, string> RowNames = new Dictionary<string, string>
    {
        [Methods.SourceOnly] = "Source-Only", [Methods.Vada] = "VADA", [Methods.DirtT] = "DIRT-T",
    };

    public static string Column(string source, string target, int instanceNorm) =>
        $"{Name(source)} → {Name(target)}{(instanceNorm == 1 ? " (instance norm)" : "")}";

    /// <summary>Our runs of one cell, with the iterations they ran; the paper's value where Table 1 has the pair.</summary>
    public static TableRow Cell(DirtTConfig config, string method, int instanceNorm, IReadOnlyList<MethodRun> runs)
    {
        double? paper = config is { Source: Domains.Mnist, Target: Domains.MnistM or Domains.MnistMOfficial } ? Table1[(method, instanceNorm)] : null;
        var iterations = Budget(config, method, runs);
        var weights = method switch
        {
            Methods.Vada => FormattableString.Invariant($"; λ_d = {config.DomainWeight}, λ_s = {config.SourceWeight}, λ_t = {config.TargetWeight}"),
            Methods.DirtT => FormattableString.Invariant($"; VADA's λ_d = {config.DomainWeight}, λ_s = {config.SourceWeight}, λ_t = {config.TargetWeight}; β = {config.TeacherWeight}"),
            _ => "",
        };
        return TableRow.Summarize("Table 1", RowNames[method], Column(config.Source, config.Target, instanceNorm),
            $"target test accuracy (%) of the EMA weights after {iterations} (paper: 80000), mean over seeds{weights}", paper, runs.Select(r => r.TargetAccuracy));
    }

    /// <summary>
    /// The same cell with the trained weights themselves instead of their EMA (<see cref="MethodRun.LiveAccuracy"/>): not
    /// the paper's protocol, so beside no paper value; at reduced budgets it shows where training stands while the EMA lags.
    /// </summary>
    public static TableRow LiveCell(DirtTConfig config, string method, int instanceNorm, IReadOnlyList<MethodRun> runs)
    {
        return TableRow.Summarize("Table 1 (live weights)", RowNames[method], Column(config.Source, config.Target, instanceNorm),
            $"target test accuracy (%) of the trained weights themselves, not their EMA (not the paper's protocol), after {Budget(config, method, runs)}, mean over seeds",
            null, runs.Select(r => r.LiveAccuracy));
    }

    /// <summary>Table 1's cells of this pair that the command's --methods and --instance-norm leave out, beside none of ours.</summary>
    public static IEnumerable<TableRow> NotRun(DirtTConfig config) =>
        config is { Source: Domains.Mnist, Target: Domains.MnistM }
            ? Table1.Where(c => !(config.Methods.Contains(c.Key.Method) && config.InstanceNorm.Contains(c.Key.InstanceNorm)))
                .Select(c => new TableRow("Table 1", RowNames[c.Key.Method], Column(config.Source, config.Target, c.Key.InstanceNorm),
                    "not run by this command (see --methods and --instance-norm)", c.Value, double.NaN, double.NaN, 0))
            : [];

    // The iterations a cell ran; DIRT-T's after the VADA iterations it starts from.
    private static string Budget(DirtTConfig config, string method, IReadOnlyList<MethodRun> runs) =>
        method == Methods.DirtT ? $"{config.Iterations} VADA + {runs[0].Iterations} DIRT-T iterations" : $"{runs[0].Iterations} iterations";

    private static string Name(string domain) => domain switch
    {
        Domains.Mnist => "MNIST",
        Domains.MnistM => "MNIST-M",
        Domains.Usps => "USPS",
        Domains.Svhn => "SVHN",
        Domains.MnistMOfficial => "MNIST-M (official files)",
        _ => domain,
    };
}
