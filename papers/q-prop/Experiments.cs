using System.Diagnostics;

namespace Papers.QProp;

/// <summary>The runs behind Table 1 and the figure: every task × algorithm × seed.</summary>
public static class Experiments
{
    public static List<QPropRun> Run(QPropConfig config, RunLog log, List<QPropIteration> curve)
    {
        var runs = new List<QPropRun>();
        foreach (var name in config.Environments)
        {
            using var env = Environments.Create(name);
            Console.WriteLine($"{name}: observation {env.ObservationSize}, action {env.ActionSize}, frame skip {env.FrameSkip}, dt {env.Dt:G3} s");
            foreach (var algorithm in config.Algorithms)
            {
                for (var seed = 0; seed < config.Seeds; seed++)
                {
                    var s = seed;
                    var run = log.Run(name, algorithm, s, curve, iterations =>
                    {
                        var clock = Stopwatch.StartNew();
                        if (algorithm == "ddpg") Ddpg.Run(config, env, s, iterations);
                        else Train.Run(config, env, algorithm, s, iterations);
                        return QPropRun.Summarize(iterations, clock.Elapsed.TotalSeconds);
                    });
                    runs.Add(run);
                    Console.WriteLine($"{name} {Tables.RowName(algorithm)} seed {s}: max average return {run.MaxAverageReturn:F1}, " +
                        $"episodes to {run.Threshold}: {(run.EpisodesToThreshold is { } e ? e.ToString() : $"not reached in {run.Episodes}")}, {run.Seconds:F0} s");
                }
            }
        }
        return runs;
    }
}
