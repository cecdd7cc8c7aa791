using RunLog = Papers.Shared.Checkpoints.RunLog<Papers.QProp.QPropRun, (string Environment, string Algorithm, int Seed)>;

namespace Papers.QProp;

/// <summary>The runs behind Table 1 and the figure: every task × algorithm × seed.</summary>
public static class Experiments
{
    /// <summary>
    /// The runs finished so far, with their curves (checkpoints/runs.csv and curves.csv under artifacts/q-prop/ unless
    /// --out says otherwise), saved after each run: started again with --resume, a killed experiment skips every
    /// finished (environment, algorithm, seed) and continues the unfinished one from its own <see cref="RunCheckpoint"/>.
    /// </summary>
    public static RunLog Log(QPropConfig config) =>
        new RunLog("q-prop", config, r => (r.Environment, r.Algorithm, r.Seed)).With("curves", (QPropIteration i) => (i.Environment, i.Algorithm, i.Seed));

    public static List<QPropRun> Run(QPropConfig config, RunLog log, List<QPropIteration> curve)
    {
        var runs = new List<QPropRun>();
        foreach (var name in config.Environments)
        {
            using var env = Environments.Create(name);
            Console.WriteLine($"{name}: observation {env.ObservationSize}, action {env.ActionSize}, frame skip {env.FrameSkip}, dt {env.Dt:G3} s");
            foreach (var algorithm in config.Algorithms)
            {
                foreach (var s in config.SeedRange())
                {
                    var run = log.Run((name, algorithm, s), curve, iterations =>
                    {
                        var seconds = algorithm == "ddpg" ? Ddpg.Run(config, env, s, iterations) : Train.Run(config, env, algorithm, s, iterations);
                        return QPropRun.Summarize(iterations, seconds);
                    });
                    runs.Add(run);
                    Console.WriteLine($"{name} {Tables.RowName(algorithm)} seed {s}: max average return {run.MaxAverageReturn:F1}, " +
                        $"episodes to {run.Threshold}: {(run.EpisodesToThreshold is { } e ? e.ToString("F1") : $"not reached in {Tables.PaperEpisodes(run.Steps):F0}")}, {run.Seconds:F0} s");
                }
            }
        }
        return runs;
    }
}
