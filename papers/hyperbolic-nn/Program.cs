using Papers.Hnn;
using Papers.Shared.Cli;
using Papers.Shared.Figures;
using Papers.Shared.Repro;
using Papers.Shared.Results;

var config = Cli.Apply(new HnnConfig(), args);                  // --quick selects HnnConfig.Quick
Prerequisites.Require([.. GenericChart.Prerequisites, .. Experiments.Prerequisites(config)]);
Console.WriteLine(config);
var environment = Repro.Setup(config);
var results = new ResultsWriter("hyperbolic-nn", config, environment);
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
results.WriteManifest();
PaperTable.Print(table1.Concat(table2));
Console.WriteLine($"results: {results.Folder}");
