using Papers.Hnn;
using Papers.Shared.Cli;
using Papers.Shared.Repro;
using Papers.Shared.Results;

var config = Cli.Apply(new HnnConfig(), args);                  // --quick selects HnnConfig.Quick
Console.WriteLine(config);
var environment = Repro.Setup(config);
var results = new ResultsWriter("hyperbolic-nn", config, environment);
var log = new RunLog(config);                                    // --resume skips the runs a killed run finished
var (runs, curve, table1) = (new List<PrefixRun>(), new List<PrefixEval>(), new List<TableRow>());

if (config.Tables.Contains(1)) table1.AddRange(Experiments.Table1(config, log, runs, curve));

results.WriteRuns(runs);
results.WriteCurves(curve);
if (table1.Count > 0) results.WriteTable("table1", table1);
results.WriteManifest();
PaperTable.Print(table1);
Console.WriteLine($"results: {results.Folder}");
