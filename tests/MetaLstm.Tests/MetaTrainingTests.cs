using Papers.Shared.Checkpoints;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm.Tests;

[Collection("Serial")]
public class MetaTrainingTests
{
    // 10 classes of 20 random 16×16 gray images: a stand-in dataset that makes meta-training steps cheap.
    private static ImageSet Random16(int seed)
    {
        using var generator = new Generator((ulong)seed);
        using var pixels = randint(256, [200 * 16 * 16], generator: generator);
        return new ImageSet("random", 1, 16, pixels.data<long>().Select(v => (byte)v).ToArray(),
            Enumerable.Range(0, 11).Select(c => c * 20).ToArray(), Enumerable.Range(0, 10).Select(c => $"r{seed}-{c}").ToArray()).Validated();
    }

    private static MetaLstmConfig Config(string folder, int episodes) => new MetaLstmConfig
    {
        Shots = [1], Queries = 3, OneShotPasses = 2, OneShotEpisodes = episodes, MatchingEpisodes = episodes,
        ValidateEvery = 2, ValidationEpisodes = 2, Out = folder, Threads = 1,
    }.For(DatasetNames.Omniglot);

    /// <summary>Runs <paramref name="test"/> with two fresh folders, one for an uninterrupted run and one for a run stopped and resumed, and deletes them after.</summary>
    private static void StraightAndInterrupted(Action<string, string> test)
    {
        var (straight, interrupted) = (Directory.CreateTempSubdirectory("meta-lstm-straight").FullName, Directory.CreateTempSubdirectory("meta-lstm-resumed").FullName);
        try
        {
            test(straight, interrupted);
        }
        finally
        {
            Directory.Delete(straight, recursive: true);
            Directory.Delete(interrupted, recursive: true);
        }
    }

    /// <summary>Model selection keeps the parameters of the best validation, c₀ included, while training moves on.</summary>
    [Fact]
    public void TheSelectedParametersAreACopyThatTrainingDoesNotMove()
    {
        Repro.SetThreads(1);
        var folder = Directory.CreateTempSubdirectory("meta-lstm-best").FullName;
        try
        {
            var learner = new Learner(1, 16, 5);
            using var session = new MetaTraining(Config(folder, 1), learner, seed: 0);
            var before = session.Best.parameters().Select(p => p.data<float>().ToArray()).ToList();
            session.Episode(new EpisodeSampler(Random16(1), 5, 1, 3), shots: 1);
            var model = session.Model.parameters().Select(p => p.data<float>().ToArray()).ToList();
            var best = session.Best.parameters().Select(p => p.data<float>().ToArray()).ToList();
            Assert.Equal(before, best);
            Assert.NotEqual(model[^1], best[^1]);                                   // c₀ moved in the model only
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The baselines' cells are kept and --resume reads them back (a planted accuracy comes back); without --resume they
    /// are evaluated again, to the same values; other weights or settings name another file.
    /// </summary>
    [Fact]
    public void ResumeReadsTheBaselinesBackFromTheirCache()
    {
        Repro.SetThreads(1);
        var folder = Directory.CreateTempSubdirectory("meta-lstm-baselines").FullName;
        try
        {
            var config = Config(folder, 1) with { Resume = true, TestEpisodes = 4, FineTuneRates = [0.1, 0.01], FineTuneSteps = [2] };
            var (train, learner) = (Random16(1), new Learner(1, 16, 5));
            using var generator = new Generator(5);
            using var pretrained = new Learner(1, 16, train.Classes).Initial(generator);
            var samplers = (new EpisodeSampler(Random16(2), 5, 1, 3), new EpisodeSampler(Random16(3), 5, 1, 3));
            var first = Baselines.Run(config, train, pretrained, learner, samplers, shots: 1);
            Assert.Equal([Methods.FineTune, Methods.NearestNeighbour], first.Select(r => r.Method));
            var path = Baselines.CachePath(config, pretrained, shots: 1);
            Assert.Equal(first, Papers.Shared.Results.Csv.Read<TestRun>(path));

            Papers.Shared.Results.Csv.Write(path, first.Select(r => r.Method == Methods.FineTune ? r with { Accuracy = -1 } : r));
            var resumed = Baselines.Run(config, train, pretrained, learner, samplers, shots: 1);
            Assert.Equal(-1, resumed[0].Accuracy);                                   // read back, not evaluated
            Assert.Equal(first[1], resumed[1]);

            var fresh = Baselines.Run(config with { Resume = false }, train, pretrained, learner, samplers, shots: 1);
            Assert.Equal(first.Select(r => (r.Accuracy, r.Std)), fresh.Select(r => (r.Accuracy, r.Std)));

            using var moved = pretrained + 1e-3;
            Assert.NotEqual(path, Baselines.CachePath(config, moved, shots: 1));
            Assert.NotEqual(path, Baselines.CachePath(config with { TestEpisodes = 5 }, pretrained, shots: 1));
            Assert.NotEqual(path, Baselines.CachePath(config, pretrained, shots: 5));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Meta-training stopped after 2 of 4 episodes and resumed ends where the uninterrupted run ends, bit for bit (dropout's generator included).</summary>
    [Theory]
    [InlineData(Methods.MetaLstm)]
    [InlineData(Methods.Matching)]
    [InlineData(Methods.MatchingFce)]
    public void ResumedMetaTrainingEndsAsTheUninterruptedOne(string method)
    {
        Repro.SetThreads(1);
        StraightAndInterrupted((straight, interrupted) =>
        {
            var learner = new Learner(1, 16, 5);
            var samplers = (new EpisodeSampler(Random16(1), 5, 1, 3), new EpisodeSampler(Random16(2), 5, 1, 3));
            List<float[]> Run(MetaLstmConfig config)
            {
                if (method == Methods.MetaLstm)
                {
                    var (session, _, _) = Train.MetaTrain(config, learner, samplers, shots: 1, seed: 0);
                    using (session) return session.Model.parameters().Concat(session.Best.parameters()).Select(p => p.data<float>().ToArray()).ToList();
                }
                using var matching = new MatchingTraining(config, learner, method, seed: 0);
                Train.MetaTrain(config, matching, Train.RunName(config, 1, 0, method), config.MatchingEpisodes, samplers, shots: 1, "test");
                return matching.Model.parameters().Concat(matching.Best.parameters()).Select(p => p.data<float>().ToArray()).ToList();
            }
            var whole = Run(Config(straight, 4));
            Run(Config(interrupted, 2));
            var resumed = Run(Config(interrupted, 4) with { Resume = true });
            Assert.Equal(whole, resumed);
            var curve = Papers.Shared.Results.Csv.Read<CurvePoint>(Path.ChangeExtension(
                Checkpointer.DefaultPath(Train.Paper, Config(interrupted, 4), Train.RunName(Config(interrupted, 4), 1, 0, method)), ".curve.csv"));
            Assert.Equal([2L, 4L], curve.Select(p => p.Episode));
            Assert.All(curve, p => Assert.Equal(method, p.Method));
        });
    }

    /// <summary>
    /// Stops between validations (Ctrl+C after one episode of a leg: at episode 1, then 2, then 3 of 4, validating every
    /// 2) resume to the parameters and the curve of the uninterrupted run: each point's query loss is the mean over
    /// the episodes since the previous point, those before a stop included.
    /// </summary>
    [Theory]
    [InlineData(Methods.MetaLstm)]
    [InlineData(Methods.Matching)]
    public void StopsBetweenValidationsResumeToTheUninterruptedCurve(string method)
    {
        Repro.SetThreads(1);
        StraightAndInterrupted((straight, interrupted) =>
        {
            var learner = new Learner(1, 16, 5);
            var samplers = (new EpisodeSampler(Random16(1), 5, 1, 3), new EpisodeSampler(Random16(2), 5, 1, 3));
            (List<(long, double, double)> Curve, List<float[]> Parameters) Run(MetaLstmConfig config, bool stopAfterOne)
            {
                using IMetaTrainable session = method == Methods.MetaLstm ? new MetaTraining(config, learner, seed: 0) : new MatchingTraining(config, learner, method, seed: 0);
                var (curve, _) = Train.MetaTrain(config, session, Train.RunName(config, 1, 0, method), 4, samplers, shots: 1, "test",
                    stopAfterOne ? checkpointer => { checkpointer.ExitOnStop = false; checkpointer.RequestStop(); } : null);
                var modules = session switch
                {
                    MetaTraining m => new nn.Module[] { m.Model, m.Best },
                    MatchingTraining m => [m.Model, m.Best],
                    _ => throw new InvalidOperationException(session.GetType().Name),
                };
                return (curve.Select(p => (p.Episode, p.TrainLoss, p.ValidationAccuracy)).ToList(),
                    modules.SelectMany(m => m.parameters()).Select(p => p.data<float>().ToArray()).ToList());
            }
            var whole = Run(Config(straight, 4), stopAfterOne: false);
            Assert.Equal([2L, 4L], whole.Curve.Select(p => p.Item1));
            Run(Config(interrupted, 4), stopAfterOne: true);
            foreach (var stopAfterOne in new[] { true, true, false })
            {
                var leg = Run(Config(interrupted, 4) with { Resume = true }, stopAfterOne);
                if (!stopAfterOne)
                {
                    Assert.Equal(whole.Parameters, leg.Parameters);
                    Assert.Equal(whole.Curve, leg.Curve);
                }
            }
        });
    }
}
