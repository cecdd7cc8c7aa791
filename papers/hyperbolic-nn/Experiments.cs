using Papers.Shared.Progress;
using Papers.Shared.Repro;
using Papers.Shared.Results;
using RunLog = Papers.Shared.Checkpoints.RunLog<Papers.Hnn.PrefixRun, (string Dataset, string Model, int Seed)>;

namespace Papers.Hnn;

/// <summary>The runs behind Table 1: which datasets, models and seeds.</summary>
public static class Experiments
{
    /// <summary>
    /// The PREFIX runs finished so far, with their curves (runs.csv and curves.csv under the checkpoint folder,
    /// artifacts/hyperbolic-nn/ unless --out says otherwise). A killed run started again with --resume skips every
    /// (dataset, model, seed) already done; one run is a few minutes, so nothing finer is saved.
    /// </summary>
    public static RunLog Log(HnnConfig config) =>
        new RunLog("hyperbolic-nn", config, r => (r.Dataset, r.Model, r.Seed)).With("curves", (PrefixEval e) => (e.Dataset, e.Model, e.Seed));

    /// <summary>The data the tables <paramref name="config"/> selects read: PREFIX-Z% for Table 1, WordNet for Table 2.</summary>
    public static IEnumerable<Prerequisite> Prerequisites(HnnConfig config) =>
        [.. Prefix.Prerequisites(config.Tables.Contains(1) ? config.Noise : []), .. config.Tables.Contains(2) ? WordNet.Prerequisites() : []];

    public static IEnumerable<TableRow> Table1(HnnConfig config, RunLog log, List<PrefixRun> runs, List<PrefixEval> curve)
    {
        foreach (var z in config.Noise)
        {
            var name = Tables.PrefixName(z);
            var dev = Prefix.Load(Prefix.Folder(z), "dev");
            var test = Prefix.Load(Prefix.Folder(z), "test");
            var train = Prefix.Generate(z, config.TrainPairs, config.DataSeed + z);
            Console.WriteLine($"{name}: {train.Count} generated training pairs (seed {config.DataSeed + z}), {dev.Count} dev, {test.Count} test");
            foreach (var variant in config.Variants)
            {
                var variantRuns = new List<PrefixRun>();
                using var progress = Progress.Start($"{name} {variant}", config.Seeds);
                foreach (var s in config.SeedRange())
                {
                    variantRuns.Add(log.Run((name, variant.ToString(), s), curve, evals => Train.Run(config, name, variant, s, train, dev, test, evals)));
                    progress.Report(variantRuns.Count, metrics: ("test accuracy %", 100 * variantRuns[^1].TestAccuracy));
                }
                runs.AddRange(variantRuns);
                yield return Tables.Table1Cell(variant, z, variantRuns);
            }
        }
        foreach (var variant in config.Variants)
            yield return Tables.NeedsData("Table 1", variant.Describe(), "SNLI", Tables.Table1Snli[variant], "hyperbolic/snli_dataset/train_2class (SNLI's training split)");
    }
}
