using Papers.Gcn;
using Papers.Shared.Cli;
using Papers.Shared.Figures;
using Papers.Shared.Repro;
using Papers.Shared.Results;

var config = Cli.Apply(new GcnConfig(), args);                 // --quick selects GcnConfig.Quick
Prerequisites.Require([.. GenericChart.Prerequisites, .. Planetoid.Prerequisites(config.Datasets)]);
Console.WriteLine(config);
var environment = Repro.Setup(config);
var results = new ResultsWriter("gcn", config, environment);
var log = Experiments.Log(config);                              // --resume skips the runs a killed run finished
var (runs, curve, table2, table3) = (new List<GcnRun>(), new List<GcnEpoch>(), new List<TableRow>(), new List<TableRow>());

foreach (var dataset in config.Datasets)
{
    var (graph, missing) = Experiments.TryLoad(dataset);
    if (graph is null)
    {
        table2.Add(Tables.NeedsData("Table 2", "GCN (this paper)", dataset, Tables.Table2Fixed[dataset], missing!));
        continue;
    }
    Console.WriteLine($"{dataset}: {graph.Nodes} nodes, {graph.UndirectedEdges} edges, {graph.Classes} classes, split {graph.Train.Length}/{graph.Validation.Length}/{graph.Test.Length}");
    if (config.Tables.Contains(2)) table2.AddRange(Experiments.Table2(config, log, graph, runs, curve));
    if (config.Tables.Contains(3)) table3.AddRange(Experiments.Table3(config, log, graph, runs));
}

results.WriteRuns(runs);
results.WriteCurves(curve);
if (table2.Count > 0) results.WriteTable("table2", table2);
if (table3.Count > 0) results.WriteTable("table3", table3);
Figures.Write(results.Folder, curve, runs);
results.WriteManifest();
PaperTable.Print(table2.Concat(table3));
Console.WriteLine($"results: {results.Folder}");
