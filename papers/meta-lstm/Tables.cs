using Papers.Shared.Results;

namespace Papers.MetaLstm;

/// <summary>Table 1 of Ravi &amp; Larochelle (ICLR 2017): 5-way accuracy (%) on Mini-ImageNet with 95% confidence intervals.</summary>
public static class Tables
{
    /// <summary>Table 1, mean and 95% confidence half-width, by method and shots.</summary>
    public static readonly IReadOnlyDictionary<(string Method, int Shots), (double Mean, double Ci95)> Table1Paper = new Dictionary<(string, int), (double, double)>
    {
        [(Methods.FineTune, 1)] = (28.86, 0.54), [(Methods.FineTune, 5)] = (49.79, 0.79),
        [(Methods.NearestNeighbour, 1)] = (41.08, 0.70), [(Methods.NearestNeighbour, 5)] = (51.04, 0.65),
        [(Methods.Matching, 1)] = (43.40, 0.78), [(Methods.Matching, 5)] = (51.09, 0.71),
        [(Methods.MatchingFce, 1)] = (43.56, 0.84), [(Methods.MatchingFce, 5)] = (55.31, 0.73),
        [(Methods.MetaLstm, 1)] = (43.44, 0.77), [(Methods.MetaLstm, 5)] = (60.60, 0.71),
    };

    public static readonly IReadOnlyDictionary<string, string> RowNames = new Dictionary<string, string>
    {
        [Methods.FineTune] = "Baseline-finetune", [Methods.NearestNeighbour] = "Baseline-nearest-neighbor",
        [Methods.Matching] = "Matching Network", [Methods.MatchingFce] = "Matching Network FCE", [Methods.MetaLstm] = "Meta-Learner LSTM (ours)",
    };

    /// <summary>The meta-training episodes behind Table 1's rows: the paper's §4 for the meta-learner, the authors' config for Matching Networks.</summary>
    public static string PaperEpisodes(string method, int shots) => method == Methods.MetaLstm
        ? $"paper: {(shots == 1 ? 75_000 : 50_000):N0}"
        : "authors' config: 75,000";

    public static string Column(string dataset, int shots) => dataset switch
    {
        DatasetNames.MiniImageNet => $"Mini-ImageNet 5-way {shots}-shot",
        DatasetNames.OmniglotRuns => "Omniglot: the 20 official 20-way one-shot runs",
        DatasetNames.Omniglot20Way => $"Omniglot {Omniglot.OfficialWays}-way {shots}-shot",
        _ => $"Omniglot 5-way {shots}-shot",
    };

    /// <summary>
    /// Our rows beside the paper's (Mini-ImageNet only: the paper has no Omniglot table). ours_std holds the 95%
    /// confidence half-width 1.96·s/√n over the test episodes, the statistic Table 1 reports after its ±.
    /// </summary>
    public static List<TableRow> Table1(MetaLstmConfig config, IEnumerable<TestRun> runs)
    {
        var rows = runs.Select(r => new TableRow("Table 1", RowNames[r.Method], Column(r.Dataset, r.Shots),
            $"mean query accuracy (%) over {r.TestEpisodes} test {(r.Dataset == DatasetNames.OmniglotRuns ? "runs" : "episodes")}, ± the 95% CI (ours_std); {Budget(r)}",
            r.Dataset == DatasetNames.MiniImageNet && config.Ways == 5 ? Table1Paper[(r.Method, r.Shots)].Mean : null, r.Accuracy, r.Ci95, r.TestEpisodes)).ToList();
        if (config.Datasets.Contains(DatasetNames.MiniImageNet) && config.Ways == 5)
            rows.AddRange(Table1Paper.Where(p => config.Shots.Contains(p.Key.Shots) && !config.Methods.Contains(p.Key.Method)).Select(p =>
                new TableRow("Table 1", RowNames[p.Key.Method], Column(DatasetNames.MiniImageNet, p.Key.Shots), $"not run here: not in --methods (paper: ± {p.Value.Ci95})",
                    p.Value.Mean, double.NaN, double.NaN, 0)));
        return rows;
    }

    private static string Budget(TestRun run) => Methods.Baselines.Contains(run.Method)
        ? run.Selected
        : $"{run.Episodes} meta-training episodes{(run.Dataset == DatasetNames.MiniImageNet ? $" ({PaperEpisodes(run.Method, run.Shots)})" : "")}, {run.Selected}";
}
