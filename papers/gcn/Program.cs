using Papers.Gcn;
using Papers.Shared.Cli;
using Papers.Shared.Results;

// --quick selects GcnConfig.Quick; a missing figure tool or data file stops here, before the first step
var (config, results) = PaperMain.Start("gcn", new GcnConfig(), args, c => Planetoid.Prerequisites(c.Datasets));
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
PaperMain.Finish(results, table2.Concat(table3));
