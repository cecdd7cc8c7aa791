using Papers.MetaLstm;
using Papers.Shared.Cli;
using Papers.Shared.Data;
using Papers.Shared.Results;

// --quick selects MetaLstmConfig.Quick; a missing figure tool or data file stops here, before the first episode
var (options, results) = PaperMain.Start("meta-lstm", new MetaLstmConfig(), args, MetaSplits.Prerequisites);
var runs = new List<TestRun>();
var curve = new List<CurvePoint>();
var gates = new List<GatePoint>();
var examples = new List<EpisodeExample>();
foreach (var config in options.Datasets.Select(options.For))
{
    var splits = MetaSplits.Load(config);                                   // Episodes.cs: images decoded once, cached
    Console.WriteLine($"{config.Dataset}: {splits.Train.Classes} meta-train, {splits.Validation.Classes} meta-validation, {splits.Test.Classes} meta-test classes, {config.Ways}-way");
    var learner = new Learner(splits.Train.Channels, splits.Train.Side, config.Ways);
    // Omniglot's 20 official 20-way one-shot runs, for the 20-way meta-learner
    var officialRuns = config.Dataset == DatasetNames.Omniglot20Way ? Omniglot.LoadRuns(DataFiles.Get(Omniglot.Runs)) : null;
    // The baselines' classifier over all meta-training classes (Baselines.cs), trained once per dataset
    using var pretrained = config.Methods.Intersect(Methods.Baselines).Any() ? Baselines.Pretrain(config, splits.Train, seed: 0) : null;
    foreach (var shots in config.Shots)
    {
        var samplers = (Train: new EpisodeSampler(splits.Train, config.Ways, shots, config.Queries),
            Validation: new EpisodeSampler(splits.Validation, config.Ways, shots, config.Queries),
            Test: new EpisodeSampler(splits.Test, config.Ways, shots, config.Queries));
        if (config.Methods.Contains(Methods.MetaLstm)) Train.MetaLstm(config, learner, samplers, shots, seed: 0, runs, curve, gates, examples, officialRuns);
        if (pretrained is not null) runs.AddRange(Baselines.Run(config, splits.Train, pretrained, learner, (samplers.Validation, samplers.Test), shots));
        foreach (var method in config.Methods.Intersect(Methods.MatchingNetworks))       // MatchingTraining.cs
            MatchingTraining.Run(config, method, learner, samplers, shots, seed: 0, runs, curve);
    }
}

var table = Tables.Table1(options, runs);
results.WriteRuns(runs);
results.WriteCurves(curve);
results.WriteCurves("curves-gates", gates);   // curves-gates.csv: Figure 2
results.WriteTable("table1", table);
Figures.Write(results.Folder, curve, gates, examples);
PaperMain.Finish(results, table);
