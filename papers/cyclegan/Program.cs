using Papers.CycleGan;
using Papers.Shared.Cli;
using static Papers.Torch.torch;

// --quick selects CycleGanConfig.Quick; a missing figure tool or data file stops here, before the first step
var (config, results) = PaperMain.Start(CycleGanConfig.Paper, new CycleGanConfig(), args, _ => DigitDomains.Prerequisites());
var (mnistTrain, mnistTest) = DigitDomains.LoadMnist();                          // X: [N, 1, 32, 32] in [−1, 1]
var (uspsTrain, uspsTest) = DigitDomains.LoadUsps();                             // Y: [N, 1, 32, 32] in [−1, 1]
var (mnistEval, uspsEval) = (mnistTest.Take(config.TestExamples), uspsTest.Take(config.TestExamples));
Console.WriteLine($"X = MNIST: {mnistTrain.Count} training, {mnistEval.Count} test images; Y = USPS: {uspsTrain.Count} training, {uspsEval.Count} test images");
var on = device(config.Device);

var runs = new List<DirectionRun>();
var curve = new List<CurvePoint>();
for (var seed = 0; seed < config.Seeds; seed++)
{
    // LeNets on raw labels: the source-only baselines, the label-preservation oracles, and CyCADA's fixed f_S for L_sem
    var raw = Evaluate.TrainRaw(config, mnistTrain, uspsTrain, seed, on);
    foreach (var p in raw.Mnist.parameters()) p.requires_grad_(false);
    foreach (var weight in config.SemanticWeights)
    {
        using var model = new CycleGanModel(config, 1, DigitDomains.Side, weight, seed, weight > 0 ? raw.Mnist : null);
        var trained = Train.Run(config, model, seed, mnistTrain.Images, uspsTrain.Images, curve);
        runs.Add(Evaluate.Direction(config, Directions.MnistToUsps, model, seed, trained, (mnistTrain, mnistEval), uspsEval, raw.Mnist, raw.Usps, on));
        runs.Add(Evaluate.Direction(config, Directions.UspsToMnist, model, seed, trained, (uspsTrain, uspsEval), mnistEval, raw.Usps, raw.Mnist, on));
        if (seed == 0)
            Figures.Grid(results.Folder, model, mnistEval.Images, uspsEval.Images, $"translations-sem{Train.WeightTag(weight)}",
                $"{Tables.VariantName(weight)}, {trained.Iterations} iterations");   // the rows name x, G(x), F(G(x)) and y, F(y), G(F(y))
        Console.WriteLine(string.Join(Environment.NewLine, runs.TakeLast(2)));
    }
}

var table = Tables.Digits(Directions.MnistToUsps, runs).Concat(Tables.Digits(Directions.UspsToMnist, runs)).ToList();
table.AddRange(Tables.NotRun());
results.WriteRuns(runs);
results.WriteCurves(curve);
results.WriteTable("table1", table);
Figures.Losses(results.Folder, curve);
PaperMain.Finish(results, table);
