using Papers.Shared.Results;

namespace Papers.Gcn;

/// <summary>The paper's numbers (test accuracy, %), with their places, and our runs summarised beside them.</summary>
public static class Tables
{
    /// <summary>Table 2, row "GCN (this paper)": mean of 100 runs with random weight initializations (§6.1).</summary>
    public static readonly IReadOnlyDictionary<string, double> Table2Fixed = new Dictionary<string, double>
    {
        ["citeseer"] = 70.3, ["cora"] = 81.5, ["pubmed"] = 79.0,
    };

    /// <summary>Table 2, row "GCN (rand. splits)": 10 random splits of the same sizes; both ± 0.5 in the paper.</summary>
    public static readonly IReadOnlyDictionary<string, double> Table2RandomSplits = new Dictionary<string, double>
    {
        ["citeseer"] = 67.9, ["cora"] = 80.1,
    };

    /// <summary>Table 3 (Citeseer, Cora): each propagation model, 100 runs with random initializations.</summary>
    public static readonly IReadOnlyDictionary<(PropagationModel, string), double> Table3 = new Dictionary<(PropagationModel, string), double>
    {
        [(PropagationModel.ChebyshevK3, "citeseer")] = 69.8, [(PropagationModel.ChebyshevK3, "cora")] = 79.5,
        [(PropagationModel.ChebyshevK2, "citeseer")] = 69.6, [(PropagationModel.ChebyshevK2, "cora")] = 81.2,
        [(PropagationModel.FirstOrder, "citeseer")] = 68.3, [(PropagationModel.FirstOrder, "cora")] = 80.0,
        [(PropagationModel.SingleParameter, "citeseer")] = 69.3, [(PropagationModel.SingleParameter, "cora")] = 79.2,
        [(PropagationModel.RenormalizationTrick, "citeseer")] = 70.3, [(PropagationModel.RenormalizationTrick, "cora")] = 81.5,
        [(PropagationModel.FirstOrderTermOnly, "citeseer")] = 68.7, [(PropagationModel.FirstOrderTermOnly, "cora")] = 80.5,
        [(PropagationModel.Mlp, "citeseer")] = 46.5, [(PropagationModel.Mlp, "cora")] = 55.1,
    };

    public const string FixedSplit = "planetoid";
    public const string RandomSplit = "random";

    /// <summary>A run whose test accuracy (%) ends below this has collapsed: stopped early near chance (Citeseer's 6 classes: 16.7%).</summary>
    public const double CollapseBelow = 50;

    /// <summary>The runs that collapsed (<see cref="CollapseBelow"/>).</summary>
    public static int Collapsed(IEnumerable<GcnRun> runs) => runs.Count(r => 100 * r.TestAccuracy < CollapseBelow);

    /// <summary>A row of our runs: the statistic says how many collapsed, and which loss early stopping watched when not the authors'.</summary>
    public static TableRow Summarize(string table, string row, string dataset, double? paper, IReadOnlyCollection<GcnRun> runs, string statistic, GcnConfig config)
    {
        var collapsed = Collapsed(runs);
        var notes = (collapsed > 0 ? $"; {collapsed} of {runs.Count} below {CollapseBelow}%" : "")
            + (config.StopOn == Stopping.CrossEntropy ? "; early stopping on the validation cross-entropy (the authors' rule: cross-entropy + L2)" : "");
        return TableRow.Summarize(table, row, dataset, statistic + notes, paper, runs.Select(r => 100 * r.TestAccuracy));
    }

    /// <summary>A row the data does not allow: the paper's number beside none of ours, saying what is missing.</summary>
    public static TableRow NeedsData(string table, string row, string dataset, double? paper, string missing) =>
        new(table, row, dataset, $"needs data: {missing}", paper, double.NaN, double.NaN, 0);
}
