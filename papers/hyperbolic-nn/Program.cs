using Papers.Hnn;
using Papers.Shared.Cli;
using Papers.Shared.Results;

// --quick selects HnnConfig.Quick; a missing figure tool or data file stops here, before the first step
var (config, results) = PaperMain.Start("hyperbolic-nn", new HnnConfig(), args, Experiments.Prerequisites);
var log = Experiments.Log(config);                               // --resume skips the runs a killed run finished
var (runs, curve, table1) = (new List<PrefixRun>(), new List<PrefixEval>(), new List<TableRow>());
var (wordNetRuns, embeddingCurve, table2, gyroplanes) = (new List<WordNetRun>(), new List<EmbeddingEpoch>(), new List<TableRow>(), new List<Gyroplane>());

if (config.BenchmarkSteps > 0)
{
    var benchmark = Benchmark.Run(config.BenchmarkSteps, config.Dimension, config.Curvature).ToList();
    foreach (var row in benchmark) Console.WriteLine($"benchmark, {row.Implementation}: {row.StepsPerSecond:F2} encoder steps/s (batch {row.Batch}, lengths {row.Length1} and {row.Length2})");
    Csv.Write(Path.Combine(results.Folder, "benchmark.csv"), benchmark);
}
if (config.Tables.Contains(1)) table1.AddRange(Experiments.Table1(config, log, runs, curve));
if (config.Tables.Contains(2))
{
    var wordNet = WordNet.Load();
    Console.WriteLine($"WordNet nouns: {wordNet.Nodes} synsets, {wordNet.Edges.Length} closure edges");
    table2.AddRange(WordNetExperiment.Run(config, wordNet, wordNetRuns, embeddingCurve, gyroplanes));
}

results.WriteRuns(runs);
results.WriteCurves(curve);
if (table1.Count > 0) results.WriteTable("table1", table1);
if (table2.Count > 0)
{
    results.WriteTable("table2", table2);
    Csv.Write(Path.Combine(results.Folder, "wordnet_runs.csv"), wordNetRuns);
    results.WriteCurves("curves-embedding", embeddingCurve);
}
Figures.Write(results.Folder, curve, gyroplanes);
PaperMain.Finish(results, table1.Concat(table2));
