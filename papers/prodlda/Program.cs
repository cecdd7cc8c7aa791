using Papers.ProdLda;
using Papers.Shared.Cli;
using Papers.Shared.Figures;
using Papers.Shared.Repro;
using Papers.Shared.Results;

var config = Cli.Apply(new ProdLdaConfig(), args);            // --quick selects ProdLdaConfig.Quick
Prerequisites.Require([.. GenericChart.Prerequisites, .. Corpus.Prerequisites, .. AuthorsTopics.Prerequisites(config.Topics)]);
Console.WriteLine(config);
var environment = Repro.Setup(config);
var results = new ResultsWriter("prodlda", config, environment);
var log = Experiments.Log(config);                             // --resume skips the runs a killed run finished
var (train, test) = Corpus.TwentyNewsgroups();                 // Corpus.cs: run.py's corpus, empty documents dropped
Console.WriteLine($"20 Newsgroups: V = {train.V}, {train.Count} training documents ({train.Tokens} tokens), {test.Count} test documents ({test.Tokens} tokens)");

using var experiments = new Experiments(config, log, train, test);
foreach (var topics in config.Topics) experiments.Run(topics);
foreach (var topics in config.Topics) experiments.Rcv1(topics);

results.WriteRuns(experiments.Runs);
results.WriteCurves(experiments.Curve);
results.WriteTable("table1", experiments.Table1);
results.WriteTable("table2", experiments.Table2);
Csv.Write(Path.Combine(results.Folder, "topics.csv"), experiments.Topics);
Figures.Write(results.Folder, experiments.Topics, experiments.Curve);
results.WriteManifest();
PaperTable.Print(experiments.Table1.Concat(experiments.Table2));
Console.WriteLine($"results: {results.Folder}");
