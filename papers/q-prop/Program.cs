using Papers.QProp;
using Papers.Shared.Cli;
using Papers.Shared.Figures;
using Papers.Shared.Repro;
using Papers.Shared.Results;

var config = Cli.Apply(new QPropConfig(), args);                 // --quick selects QPropConfig.Quick
Prerequisites.Require([.. GenericChart.Prerequisites, .. Environments.Prerequisites(config.Environments)]);
Console.WriteLine(config);
var environment = Repro.Setup(config);
Console.WriteLine($"MuJoCo {Simulation.Version}");
var results = new ResultsWriter("q-prop", config, environment);

var throughput = new List<ThroughputRow>();
foreach (var name in config.Environments)
{
    using var env = Environments.Create(name);
    throughput.AddRange(Throughput.Measure(config, env, envSteps: config.IsQuick ? 2000 : 20_000, criticSteps: config.IsQuick ? 200 : 2000));
}
foreach (var row in throughput) Console.WriteLine($"{row.Environment}: {row.PerSecond:N0} {row.What} per second, {row.PerCpuSecond:N0} per CPU second");

var curve = new List<QPropIteration>();
var runs = Experiments.Run(config, Experiments.Log(config), curve);
var table1 = Tables.Table1Rows(runs).ToList();

results.WriteRuns(runs);
results.WriteCurves(curve);
results.WriteCurves("curves-throughput", throughput);
results.WriteTable("table1", table1);
Figures.Write(results.Folder, curve);
results.WriteManifest();
PaperTable.Print(table1);
Console.WriteLine($"results: {results.Folder}");
