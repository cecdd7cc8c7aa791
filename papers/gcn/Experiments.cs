using Papers.Shared.Data;
using Papers.Shared.Progress;
using Papers.Shared.Results;
using Papers.Torch;
using RunLog = Papers.Shared.Checkpoints.RunLog<Papers.Gcn.GcnRun, (string Dataset, string Model, string Split, int Seed)>;

namespace Papers.Gcn;

/// <summary>The runs behind Tables 2 and 3: which graphs, splits, models and seeds.</summary>
public static class Experiments
{
    /// <summary>
    /// The runs finished so far, with the curves of those that keep one (checkpoints/runs.csv and curves.csv beside the
    /// results, under artifacts/gcn/ unless --out says otherwise). A killed run started again with --resume skips every
    /// (dataset, model, split, seed) already done; each run is a couple of seconds, so nothing finer is worth saving.
    /// </summary>
    public static RunLog Log(GcnConfig config) =>
        new RunLog("gcn", config, r => (r.Dataset, r.Model, r.Split, r.Seed)).With("curves", (GcnEpoch e) => (e.Dataset, e.Model, e.Split, e.Seed));

    /// <summary>The dataset, or null with the missing file named (PubMed's ind.pubmed.allx is not here).</summary>
    public static (Graph? Graph, string? Missing) TryLoad(string dataset)
    {
        try
        {
            return (Planetoid.Load(dataset), null);
        }
        catch (FileNotFoundException e)
        {
            Console.WriteLine($"{dataset}: needs data. {e.Message}");
            return (null, e.FileName ?? e.Message);
        }
    }

    /// <summary>Table 2's GCN rows: the Planetoid split over config.Seeds initializations, and config.RandomSplits random splits.</summary>
    public static IEnumerable<TableRow> Table2(GcnConfig config, RunLog log, Graph graph, List<GcnRun> runs, List<GcnEpoch> curve)
    {
        var fixedRuns = Seeds(config, log, graph, PropagationModel.RenormalizationTrick, Tables.FixedSplit, curve);
        runs.AddRange(fixedRuns);
        yield return Tables.Summarize("Table 2", "GCN (this paper)", graph.Name, Tables.Table2Fixed[graph.Name], fixedRuns,
            $"mean ± std of test accuracy (%) over {fixedRuns.Count} random initializations", config);
        // The random splits belong to the seed range that starts at 0: a sweep's other tasks leave them out.
        if (config.RandomSplits == 0 || config.FirstSeed > 0) yield break;

        var splitRuns = new List<GcnRun>();
        using var progress = Progress.Start($"{graph.Name} random splits", config.RandomSplits);
        for (var split = 0; split < config.RandomSplits; split++)
        {
            var seed = split;
            splitRuns.Add(log.Run((graph.Name, PropagationModel.RenormalizationTrick.ToString(), Tables.RandomSplit, seed), () =>
            {
                using var problem = new Problem(Planetoid.RandomSplit(graph, seed), PropagationModel.RenormalizationTrick, Tables.RandomSplit,
                    torch.device(config.Device));
                return Train.Run(config, problem, seed);
            }));
            progress.Report(split + 1, metrics: ("test accuracy %", 100 * splitRuns[^1].TestAccuracy));
        }
        runs.AddRange(splitRuns);
        yield return Tables.Summarize("Table 2", "GCN (rand. splits)", graph.Name,
            Tables.Table2RandomSplits.TryGetValue(graph.Name, out var paper) ? paper : null, splitRuns, $"mean ± std of test accuracy (%) over {splitRuns.Count} random splits, one initialization each", config);
    }

    /// <summary>Table 3: every propagation model on the Planetoid split; the renormalization trick reuses Table 2's runs.</summary>
    public static IEnumerable<TableRow> Table3(GcnConfig config, RunLog log, Graph graph, List<GcnRun> runs)
    {
        foreach (var model in Enum.GetValues<PropagationModel>())
        {
            var modelRuns = runs.Where(r => r.Dataset == graph.Name && r.Model == model.ToString() && r.Split == Tables.FixedSplit).ToList();
            if (modelRuns.Count == 0)
            {
                modelRuns = Seeds(config, log, graph, model, Tables.FixedSplit, curve: null);
                runs.AddRange(modelRuns);
            }
            yield return Tables.Summarize("Table 3", Propagation.Describe(model), graph.Name,
                Tables.Table3.TryGetValue((model, graph.Name), out var paper) ? paper : null, modelRuns,
                $"mean ± std of test accuracy (%) over {modelRuns.Count} random initializations", config);
        }
    }

    /// <summary>The runs of config.SeedRange() of one model on one split; seed 0's epochs go into <paramref name="curve"/>.</summary>
    private static List<GcnRun> Seeds(GcnConfig config, RunLog log, Graph graph, PropagationModel model, string split, List<GcnEpoch>? curve)
    {
        using var problem = new Problem(graph, model, split, torch.device(config.Device));
        using var progress = Progress.Start($"{graph.Name} {model}", config.Seeds);
        var result = new List<GcnRun>();
        foreach (var s in config.SeedRange())
        {
            var key = (graph.Name, model.ToString(), split, s);
            result.Add(s == 0 && curve is not null
                ? log.Run(key, curve, epochs => Train.Run(config, problem, s, epochs))
                : log.Run(key, () => Train.Run(config, problem, s)));
            progress.Report(result.Count, metrics: ("test accuracy %", 100 * result[^1].TestAccuracy));
        }
        return result;
    }
}
