using Papers.ProdLda;
using Papers.Shared.Cli;
using Papers.Shared.Results;

// --quick selects ProdLdaConfig.Quick; a missing figure tool or data file stops here, before the first step
var (config, results) = PaperMain.Start("prodlda", new ProdLdaConfig(), args, c => [.. Corpus.Prerequisites, .. AuthorsTopics.Prerequisites(c.Topics)]);
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
results.WriteTable("table1-calibration", experiments.Table1Calibration);  // Calibration.cs: our NPMI against the authors', per topic
Csv.Write(Path.Combine(results.Folder, "topics.csv"), experiments.Topics);
Figures.Write(results.Folder, experiments.Topics, experiments.Curve, experiments.AuthorsRuns);
PaperMain.Finish(results, experiments.Table1.Concat(experiments.Table2).Concat(experiments.Table1Calibration));
