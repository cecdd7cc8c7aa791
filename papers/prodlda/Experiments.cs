using Papers.Shared.Progress;
using Papers.Shared.Results;
using static Papers.Torch.torch;
using RunLog = Papers.Shared.Checkpoints.RunLog<Papers.ProdLda.TopicModelRun, (string Source, string Model, int Topics, int Seed)>;

namespace Papers.ProdLda;

/// <summary>One trained model's outcome: a row of runs.csv.</summary>
public sealed record TopicModelRun(
    string Dataset, string Model, int Topics, int Seed, int Epochs,
    double TrainLoss, double NpmiTrain, double NpmiTest, double Perplexity, double CorpusPerplexity,
    double Seconds, double SecondsPerEpoch);

/// <summary>One topic of one run: its top words and their NPMI on the training and on the test documents.</summary>
public sealed record TopicRow(string Source, string Model, int Topics, int Run, int Topic, double NpmiTrain, double NpmiTest, string Words);

/// <summary>Whose topics a row of topics.csv holds.</summary>
public static class TopicSources
{
    public const string Ours = "ours";
    public const string Authors = "authors";
}

/// <summary>
/// The runs behind Tables 1 and 2 on 20 Newsgroups: each model at each K over config.Seeds seeds, scored by NPMI
/// on the training and the test documents and by test perplexity; and the authors' published topics, scored alike.
/// </summary>
public sealed class Experiments : IDisposable
{
    private readonly ProdLdaConfig _config;
    private readonly RunLog _log;
    private readonly Corpus _train;
    private readonly Corpus _test;
    private readonly Tensor _trainCounts;   // [D_train, V]
    private readonly Tensor _testCounts;    // [D_test, V]
    private readonly Npmi _npmiTrain;
    private readonly Npmi _npmiTest;

    public Experiments(ProdLdaConfig config, RunLog log, Corpus train, Corpus test)
    {
        (_config, _log, _train, _test) = (config, log, train, test);
        // The models train where the counts lie (--device); the counts are built on the CPU and moved.
        using (var counts = train.ToTensor()) _trainCounts = counts.to(device(config.Device));
        using (var counts = test.ToTensor()) _testCounts = counts.to(device(config.Device));
        _npmiTrain = new Npmi(train);
        _npmiTest = new Npmi(test);
    }

    public List<TopicModelRun> Runs { get; } = [];
    public List<TopicRow> Topics { get; } = [];
    public List<TopicModelEpoch> Curve { get; } = [];
    public List<TableRow> Table1 { get; } = [];
    public List<TableRow> Table2 { get; } = [];
    public List<TableRow> Table1Calibration { get; } = [];

    /// <summary>The authors' published runs per K, with the NPMI their script printed for each topic.</summary>
    public Dictionary<int, IReadOnlyList<AuthorsRun>> AuthorsRuns { get; } = [];

    /// <summary>
    /// The runs finished so far, with their topics and curves (runs.csv, topics.csv and curves.csv under
    /// artifacts/prodlda/checkpoints unless --out says otherwise). A killed run started again with --resume skips every
    /// (model, K, seed) already done: each is minutes, so nothing finer is worth saving. The log holds our runs only;
    /// a topic row's key names its source, so the authors' topics are never taken for a run's own.
    /// </summary>
    public static RunLog Log(ProdLdaConfig config) =>
        new RunLog("prodlda", config, r => (TopicSources.Ours, r.Model, r.Topics, r.Seed))
            .With("topics", (TopicRow t) => (t.Source, t.Model, t.Topics, t.Run))
            .With("curves", (TopicModelEpoch e) => (TopicSources.Ours, e.Model, e.Topics, e.Seed));

    private string TrainReference => $"{_train.Count} training documents";
    private string TestReference => $"{_test.Count} test documents";

    /// <summary>Every configured model at <paramref name="topics"/>, then the table rows for this K.</summary>
    public void Run(int topics)
    {
        AuthorsTopicsAt(topics);
        foreach (var model in _config.Models)
        {
            var runs = new List<TopicModelRun>();
            using var progress = Progress.Start($"{model} K={topics}", _config.Seeds);
            foreach (var s in _config.SeedRange())
            {
                var run = _log.Run((TopicSources.Ours, model, topics, s), Topics, Curve, (rows, curve) => Train(model, topics, s, rows, curve));
                runs.Add(run);
                progress.Report(runs.Count, metrics: [("NPMI train", run.NpmiTrain), ("perplexity", run.Perplexity)]);
            }
            Runs.AddRange(runs);
            Table1.Add(Tables.Npmi(model, topics, runs.Select(r => r.NpmiTrain), TrainReference, Tables.Table1[(model, topics)]));
            Table1.Add(Tables.Npmi(model, topics, runs.Select(r => r.NpmiTest), TestReference, null));
            var how = model == TopicModels.GibbsLda
                ? $"topics fixed, θ from {_config.GibbsTestIterations} fold-in sweeps over each test document"
                : $"−ELBO, each test document alone (batch norm on one row, as the authors' test()), {_config.TestSamples} draws of ε";
            Table2.Add(Tables.Perplexity(model, topics, runs.Select(r => r.Perplexity), $"the authors' perplexity exp(mean_d cost_d / N_d) over the {TestReference}; {how}"));
            Table2.Add(Tables.Perplexity(model, topics, runs.Select(r => r.CorpusPerplexity), $"corpus perplexity exp(Σ cost_d / Σ N_d) over the {TestReference}; {how}"));
        }
        foreach (var missing in new[] { Tables.LdaDmfvi, Tables.Nvdm })
            Table1.Add(Tables.NotRun("Table 1", Tables.RowNames[missing], Tables.Column(topics), Tables.Table1[(missing, topics)],
                "not run: this reproduction runs ProdLDA, NVLDA and collapsed Gibbs LDA"));
    }

    /// <summary>The RCV1 columns: listed with the paper's source of the data, which is not in the data folder.</summary>
    public void Rcv1(int topics)
    {
        Table1.Add(Tables.NotRun("Table 1", "all models", $"rcv1 K={topics}", null, $"needs data: {Tables.Rcv1Missing}"));
        Table2.Add(Tables.NotRun("Table 2", "all models", $"rcv1 K={topics}", null, $"needs data: {Tables.Rcv1Missing}"));
    }

    /// <summary>One run: its row, with its topics added to <paramref name="rows"/> and its epochs to <paramref name="curve"/>.</summary>
    private TopicModelRun Train(string model, int topics, int seed, List<TopicRow> rows, List<TopicModelEpoch> curve)
    {
        if (model == TopicModels.GibbsLda)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var lda = GibbsLda.Fit(_train, topics, _config.GibbsAlphaFor(topics), _config.GibbsBeta, _config.GibbsIterations, (ulong)seed);
            var seconds = clock.Elapsed.TotalSeconds;
            var costs = lda.TestCosts(_test, _config.GibbsTestIterations, (ulong)seed + 1);
            return Score(model, topics, seed, _config.GibbsIterations, double.NaN, lda.TopWords(_config.TopWords), costs, seconds, rows);
        }
        var decoder = model == TopicModels.ProdLda ? Decoder.ProdLda : Decoder.NvLda;
        var trained = ProdLda.Train.Run(_config, decoder, topics, _trainCounts, seed, curve);
        using var network = trained.Model;
        var top = ProdLda.Train.TopWords(network, _config.TopWords);
        var testCosts = ProdLda.Train.TestCosts(trained, _testCounts, _config.TestSamples, seed);
        return Score(model, topics, seed, trained.Epochs, trained.FinalLoss, top, testCosts, trained.Seconds, rows);
    }

    private TopicModelRun Score(string model, int topics, int seed, int epochs, double loss, int[][] top, double[] costs, double seconds, List<TopicRow> rows)
    {
        var topicRows = top.Select((words, k) => new TopicRow(TopicSources.Ours, model, topics, seed, k, _npmiTrain.Topic(words), _npmiTest.Topic(words),
            string.Join(' ', words.Select(w => _train.Vocabulary[w])))).ToList();
        rows.AddRange(topicRows);
        var (perplexity, corpus) = Perplexities(costs, _test);
        var run = new TopicModelRun(Tables.Dataset, model, topics, seed, epochs, loss, topicRows.Average(r => r.NpmiTrain), topicRows.Average(r => r.NpmiTest),
            perplexity, corpus, seconds, seconds / epochs);
        Console.WriteLine($"{model} K={topics} seed {seed}: NPMI train {run.NpmiTrain:F4}, test {run.NpmiTest:F4}; perplexity {perplexity:F1} (corpus {corpus:F1}); {seconds:F0} s");
        return run;
    }

    /// <summary>run.py's calcPerp: exp of the mean over documents of cost_d / N_d; and the corpus-level exp(Σ cost / Σ N).</summary>
    public static (double Authors, double Corpus) Perplexities(IReadOnlyList<double> costs, Corpus test)
    {
        if (costs.Count != test.Count) throw new ArgumentException($"{costs.Count} costs for {test.Count} documents");
        var perDocument = costs.Select((c, d) => c / test.Documents[d].Length).Average();
        return (Math.Exp(perDocument), Math.Exp(costs.Sum() / test.Tokens));
    }

    private void AuthorsTopicsAt(int topics)
    {
        var runs = AuthorsTopics.Load(topics);
        var rows = AuthorsTopics.Score(runs, _train.Vocabulary, _npmiTrain, _npmiTest);
        Topics.AddRange(rows);
        var train = runs.Select(run => rows.Where(r => r.Run == run.Run).Average(r => r.NpmiTrain)).ToList();
        var test = runs.Select(run => rows.Where(r => r.Run == run.Run).Average(r => r.NpmiTest)).ToList();
        Console.WriteLine($"authors' K={topics} topics, our NPMI over the training documents: {string.Join(", ", train.Select(v => v.ToString("F4")))}");
        Table1.Add(Tables.AuthorsNpmi(topics, runs, train, TrainReference));
        Table1.Add(Tables.AuthorsNpmi(topics, runs, test, TestReference));
        Table1Calibration.AddRange(Calibration.Rows(topics, runs, rows, TrainReference, TestReference));
        AuthorsRuns[topics] = runs;
    }

    public void Dispose()
    {
        _trainCounts.Dispose();
        _testCounts.Dispose();
    }
}
