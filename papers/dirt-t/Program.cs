using Papers.DirtT;
using Papers.Shared.Cli;
using Papers.Shared.Results;

// --quick selects DirtTConfig.Quick; a missing figure tool or data file stops here, before the first step
var (config, results) = PaperMain.Start("dirt-t", new DirtTConfig(), args, c => Domains.Prerequisites([c.Source, c.Target]));
var (sourceTrain, _) = Domains.Load(config.Source, config.MnistMSeed);   // Digits.cs: 32×32, 3 channels, [−1, 1]
var (targetTrain, targetTest) = Domains.Load(config.Target, config.MnistMSeed);
using var source = sourceTrain.Take(config.TrainExamples);
using var target = targetTrain.Take(config.TrainExamples);
using var test = targetTest.Take(config.TestExamples);
Console.WriteLine($"{config.Source}: {source.Count} training images; {config.Target}: {target.Count} training, {test.Count} test images");

// The search's labelled target images come from the target's training set; the test set never enters a choice.
using var validation = targetTrain.Take(config.ValidationExamples);

var runs = new List<MethodRun>();
var curve = new List<CurvePoint>();
var table = new List<TableRow>();
var search = new List<SearchRun>();
foreach (var instanceNorm in config.InstanceNorm)
{
    var cellConfig = config;
    if (config.Search == 1)
    {
        List<SearchRun> trials;
        (cellConfig, trials) = Search.Choose(config, instanceNorm, seed: 0, () => new SmallNetwork(instanceNorm == 1, config.Trim), source, target, validation);
        search.AddRange(trials);
    }
    foreach (var method in config.Methods.OrderBy(m => Array.IndexOf(Methods.All, m)))   // DIRT-T after VADA
    {
        var cell = Enumerable.Range(0, config.Seeds)
            .Select(seed => Train.Cell(cellConfig, method, instanceNorm, seed, source, (target, test), curve)).ToList();
        runs.AddRange(cell);
        table.Add(Tables.Cell(cellConfig, method, instanceNorm, cell));
        table.Add(Tables.LiveCell(cellConfig, method, instanceNorm, cell));
    }
}

table.AddRange(Tables.NotRun(config));
results.WriteRuns(runs);
results.WriteCurves(curve);
results.WriteTable("table1", table);
var searchRows = Search.Rows(config, search, validation.Count).ToList();
if (searchRows.Count > 0) results.WriteTable("table1-search", searchRows);
Figures.Write(results.Folder, config, curve, config.Target == Domains.MnistM ? target : null);
PaperMain.Finish(results, table.Concat(searchRows));
