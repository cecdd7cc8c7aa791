using Papers.Shared.Cli;

namespace Papers.Shared.Sweeps;

/// <summary>One task of a sweep: its index, its config (one value of each axis, a range of seeds) and its flags.</summary>
/// <param name="Flags">How the task narrows the paper's command line: <c>--datasets cora --first-seed 3 --seeds 1</c>.</param>
public sealed record Shard(int Index, GridConfig Config, string Flags);

/// <summary>A paper's grid: every value of every <see cref="SweepAxisAttribute"/> setting × ranges of seeds.</summary>
public static class Grid
{
    /// <summary>
    /// The tasks of <paramref name="config"/>'s grid in the paper's own order: the first axis outermost, then the next,
    /// the seeds innermost, <paramref name="seedsPerTask"/> to a task (the last range may be shorter). The order fixes
    /// each task's index, and so the order in which a merge lays the shards' logs end to end.
    /// </summary>
    public static IReadOnlyList<Shard> Expand(GridConfig config, int seedsPerTask)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (seedsPerTask < 1) throw new ArgumentException($"--seeds-per-task must be at least 1, not {seedsPerTask}");
        var points = new List<List<(ConfigFlag Flag, object Value)>> { new() };
        foreach (var axis in Axes(config.GetType()))
        {
            var values = (Array)(axis.Property.GetValue(config) ?? Array.Empty<object>());
            points = [.. points.SelectMany(point => values.Cast<object>().Select(value => (List<(ConfigFlag, object)>)[.. point, (axis, value)]))];
        }
        var shards = new List<Shard>();
        foreach (var point in points)
        {
            for (var first = config.FirstSeed; first < config.FirstSeed + config.Seeds; first += seedsPerTask)
            {
                var count = Math.Min(seedsPerTask, config.FirstSeed + config.Seeds - first);
                var values = point.Select(p => (p.Flag.Property, (object?)Single(p.Flag, p.Value)))
                    .Append((typeof(GridConfig).GetProperty(nameof(GridConfig.FirstSeed))!, first))
                    .Append((typeof(RunConfig).GetProperty(nameof(RunConfig.Seeds))!, count));
                var flags = string.Join(" ", point.Select(p => $"{p.Flag.Name} {ConfigFlag.Format(p.Value)}").Append($"--first-seed {first} --seeds {count}"));
                shards.Add(new Shard(shards.Count, (GridConfig)Cli.Cli.With(config, values, config.IsQuick), flags));
            }
        }
        return shards;
    }

    /// <summary>The settings of <paramref name="configType"/> marked <see cref="SweepAxisAttribute"/>, each a list-valued flag.</summary>
    internal static IReadOnlyList<ConfigFlag> Axes(Type configType)
    {
        var axes = ConfigFlag.Of(configType).Where(f => Attribute.IsDefined(f.Property, typeof(SweepAxisAttribute), inherit: true)).ToList();
        foreach (var axis in axes)
            if (!axis.IsArray) throw new ArgumentException($"{configType.Name}.{axis.Property.Name} is a sweep axis, so it must be a list, not a {axis.ValueType.Name}");
        return axes;
    }

    private static Array Single(ConfigFlag axis, object value)
    {
        var single = Array.CreateInstance(axis.ElementType, 1);
        single.SetValue(value, 0);
        return single;
    }
}
