using Papers.Shared.Results;

namespace Papers.QProp;

/// <summary>One run: what Table 1 reads from it, and how fast it went.</summary>
public sealed record QPropRun(
    string Environment, string Algorithm, int Seed, long Steps, long Episodes, int Iterations,
    double MaxAverageReturn, double Threshold, double? EpisodesToThreshold,
    double EnvStepsPerSecond, double CriticStepsPerSecond, double Seconds)
{
    /// <summary>
    /// Table 1's two statistics from a run's iterations: the maximum over iterations of the batch's average
    /// episode return, and the episodes, in the paper's unit (<see cref="Tables.PaperEpisodes"/>), sampled up to the
    /// first iteration whose average reaches the threshold.
    /// </summary>
    public static QPropRun Summarize(IReadOnlyList<QPropIteration> iterations, double seconds)
    {
        var first = iterations[0];
        var threshold = Tables.Thresholds[first.Environment];
        var reached = iterations.FirstOrDefault(i => i.AverageReturn >= threshold);
        var sampleSeconds = iterations.Sum(i => i.SampleSeconds);
        var criticSeconds = iterations.Sum(i => i.CriticSeconds);
        var criticSteps = iterations.Sum(i => i.CriticSteps);
        return new QPropRun(first.Environment, first.Algorithm, first.Seed, iterations[^1].Steps, iterations[^1].Episodes, iterations.Count,
            iterations.Max(i => i.AverageReturn), threshold, reached is null ? null : Tables.PaperEpisodes(reached.Steps),
            first.Algorithm == "ddpg" ? double.NaN : iterations[^1].Steps / sampleSeconds,
            criticSteps > 0 && criticSeconds > 0 ? criticSteps / criticSeconds : double.NaN,
            seconds);
    }
}

/// <summary>Table 1 of the paper (max average return in the first 30k episodes / episodes to the threshold).</summary>
public static class Tables
{
    /// <summary>
    /// Table 1's "episodes" are units of the horizon, not episodes that ended: the authors' launcher
    /// (algo_gym_stub.py) runs ⌈max_episode · horizon / batch_size⌉ iterations, so 30k "episodes" are 30M steps
    /// and a 5000-step batch is 5 of them (hence every Q-Prop and TRPO count in the table is a multiple of 5).
    /// On Hopper and Walker2d, whose episodes end early, an actual episode count is several times larger.
    /// </summary>
    public static double PaperEpisodes(long steps) => (double)steps / GymEnvironment.Horizon;

    /// <summary>Table 1's thresholds, one per task ("Walker" is Walker2d).</summary>
    public static readonly IReadOnlyDictionary<string, double> Thresholds = new Dictionary<string, double>
    {
        ["Ant"] = 3500, ["HalfCheetah"] = 4700, ["Hopper"] = 2000, ["Humanoid"] = 2500, ["Reacher"] = -7, ["Swimmer"] = 90, ["Walker2d"] = 3000,
    };

    /// <summary>Table 1: (max average return, episodes to threshold); null where the paper prints N/A.</summary>
    public static readonly IReadOnlyDictionary<(string Algorithm, string Environment), (double Return, double? Episodes)> Table1 =
        new Dictionary<(string, string), (double, double?)>
        {
            [("qprop-c", "Ant")] = (3534, 4975), [("trpo", "Ant")] = (4239, 13825), [("ddpg", "Ant")] = (957, null),
            [("qprop-c", "HalfCheetah")] = (4811, 20785), [("trpo", "HalfCheetah")] = (4734, 26370), [("ddpg", "HalfCheetah")] = (7490, 600),
            [("qprop-c", "Hopper")] = (2957, 5945), [("trpo", "Hopper")] = (2486, 5715), [("ddpg", "Hopper")] = (2604, 965),
            [("qprop-c", "Humanoid")] = (3492, 14750), [("trpo", "Humanoid")] = (918, 30000), [("ddpg", "Humanoid")] = (552, null),
            [("qprop-c", "Reacher")] = (-6.0, 2060), [("trpo", "Reacher")] = (-6.7, 2840), [("ddpg", "Reacher")] = (-6.6, 1800),
            [("qprop-c", "Swimmer")] = (103, 2045), [("trpo", "Swimmer")] = (110, 3025), [("ddpg", "Swimmer")] = (150, 500),
            [("qprop-c", "Walker2d")] = (4030, 3685), [("trpo", "Walker2d")] = (3567, 18875), [("ddpg", "Walker2d")] = (3626, 2125),
        };

    /// <summary>Bounds, not values, in Table 1: Q-Prop's Humanoid return is "&gt; 3492", TRPO's episodes "&gt; 30000".</summary>
    public static readonly IReadOnlySet<(string, string, string)> LowerBounds = new HashSet<(string, string, string)>
    {
        ("qprop-c", "Humanoid", "return"), ("trpo", "Humanoid", "episodes"),
    };

    public static string RowName(string algorithm) => algorithm switch
    {
        "qprop-c" => "TR-c-Q-Prop",
        "qprop-s" => "TR-Q-Prop (η = 1)",
        "qprop-a" => "TR-a-Q-Prop",
        "qprop-c-batch" => "TR-c-Q-Prop (one η per batch)",
        "trpo" => "TRPO",
        "vpg" => "VPG",
        "ddpg" => "DDPG-r0.1",
        _ => algorithm,
    };

    /// <summary>Two cells per (algorithm, task): max average return, and episodes to the threshold.</summary>
    public static IEnumerable<TableRow> Table1Rows(IReadOnlyList<QPropRun> runs)
    {
        foreach (var group in runs.GroupBy(r => (r.Algorithm, r.Environment)))
        {
            var (algorithm, environment) = group.Key;
            var list = group.ToList();
            var paper = Table1.TryGetValue((algorithm, environment), out var p) ? p : ((double, double?)?)null;
            var budget = $"up to {list.Max(r => r.Steps):N0} steps per run ({PaperEpisodes(list.Max(r => r.Steps)):N0} episodes in the paper's unit of {GymEnvironment.Horizon} steps; up to {list.Max(r => r.Episodes):N0} actual episodes)";
            yield return TableRow.Summarize("Table 1", RowName(algorithm), $"{environment} max average return", $"mean over seeds of the max over iterations of the batch's average return; {budget}{Bound(algorithm, environment, "return")}",
                paper?.Item1, list.Select(r => r.MaxAverageReturn));
            var threshold = Thresholds[environment];
            var reached = list.Where(r => r.EpisodesToThreshold is not null).ToList();
            var column = $"{environment} episodes (×{GymEnvironment.Horizon} steps) to {threshold}";
            if (reached.Count == list.Count)
                yield return TableRow.Summarize("Table 1", RowName(algorithm), column, $"mean over seeds of the steps / {GymEnvironment.Horizon} until the batch average reaches {threshold}; {budget}{Bound(algorithm, environment, "episodes")}",
                    paper?.Item2, reached.Select(r => r.EpisodesToThreshold!.Value));
            else
                yield return new TableRow("Table 1", RowName(algorithm), column,
                    $"not reached within {PaperEpisodes(list.Min(r => r.Steps)):N0} episodes ({list.Min(r => r.Steps):N0} steps) by {list.Count - reached.Count} of {list.Count} seeds{Bound(algorithm, environment, "episodes")}",
                    paper?.Item2, double.NaN, double.NaN, list.Count);
        }
    }

    /// <summary>
    /// The question behind Table 1 at a budget too small for its thresholds: how many episodes (steps / horizon)
    /// each algorithm needs to reach the return that every compared algorithm reaches on average, that is the lowest
    /// of the algorithms' mean max average returns on the task. One row per (algorithm, task) with at least two
    /// algorithms on the task; a seed that never reaches the level is counted in the statistic, not in the mean.
    /// </summary>
    public static IEnumerable<TableRow> CommonLevelRows(IReadOnlyList<QPropRun> runs, IReadOnlyList<QPropIteration> curve)
    {
        foreach (var task in runs.GroupBy(r => r.Environment))
        {
            var algorithms = task.GroupBy(r => r.Algorithm).ToList();
            if (algorithms.Count < 2) continue;
            var (lowest, level) = algorithms.Select(a => (Algorithm: a.Key, Level: a.Average(r => r.MaxAverageReturn))).MinBy(a => a.Level);
            var column = $"{task.Key} episodes (×{GymEnvironment.Horizon} steps) to {level:F0}";
            foreach (var algorithm in algorithms)
            {
                var crossings = algorithm.Select(r => curve
                        .Where(i => i.Environment == r.Environment && i.Algorithm == r.Algorithm && i.Seed == r.Seed)
                        .OrderBy(i => i.Iteration)
                        .FirstOrDefault(i => i.AverageReturn >= level))
                    .Where(i => i is not null).Select(i => PaperEpisodes(i!.Steps)).ToList();
                var statistic = $"{RowName(lowest)}'s mean max average return on {task.Key} ({level:F1}): the steps / {GymEnvironment.Horizon} until the batch average first reaches it, " +
                    $"mean over the {crossings.Count} of {algorithm.Count()} seeds that reach it within {PaperEpisodes(algorithm.Min(r => r.Steps)):N0} episodes";
                yield return crossings.Count == 0
                    ? new TableRow("Table 1, common level", RowName(algorithm.Key), column, statistic, null, double.NaN, double.NaN, 0)
                    : TableRow.Summarize("Table 1, common level", RowName(algorithm.Key), column, statistic, null, crossings);
            }
        }
    }

    private static string Bound(string algorithm, string environment, string what) =>
        LowerBounds.Contains((algorithm, environment, what)) ? "; the paper's value is a lower bound (>)" : "";
}
