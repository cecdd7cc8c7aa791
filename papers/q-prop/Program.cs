using Papers.QProp;
using Papers.Shared.Cli;
using Papers.Shared.Results;

// --quick selects QPropConfig.Quick; a missing figure tool or data file stops here, before the first step
var (config, results) = PaperMain.Start("q-prop", new QPropConfig(), args, c => Environments.Prerequisites(c.Environments));
Console.WriteLine($"MuJoCo {Simulation.Version}");

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
var commonLevel = Tables.CommonLevelRows(runs, curve).ToList();

results.WriteRuns(runs);
results.WriteCurves(curve);
results.WriteCurves("curves-throughput", throughput);
results.WriteTable("table1", table1);
results.WriteTable("table1-common-level", commonLevel);
Figures.Write(results.Folder, curve);
PaperMain.Finish(results, [.. table1, .. commonLevel]);
