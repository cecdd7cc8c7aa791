using System.ComponentModel;
using System.Text.RegularExpressions;

namespace Papers.Shared.Cli;

/// <summary>
/// The flags every paper has: <c>--seeds --device --threads --out --resume</c>. A paper's hyperparameter record
/// derives from it (<c>public sealed record GcnConfig : RunConfig</c>) and may override <see cref="Seeds"/> to give
/// the paper's run count and its source: <c>[Paper("§6.1")] public override int Seeds { get; init; } = 100;</c>
/// </summary>
public abstract partial record RunConfig
{
    [Description("runs, seeded 0, 1, ..., n-1")]
    public virtual int Seeds { get; init; } = 1;

    [Description("cpu, cuda or cuda:N")]
    public string Device { get; init; } = "cpu";

    [Description("intra-op threads of libtorch and OpenBLAS; runs are bit-identical only at the same count")]
    public virtual int Threads { get; init; } = Environment.ProcessorCount;

    [Description("results folder (default results/<paper>/, or artifacts/<paper>/ with --quick)")]
    public string? Out { get; init; }

    [Description("continue from the last checkpoint")]
    public bool Resume { get; init; }

    /// <summary>True when <c>--quick</c> chose the record's Quick preset: such runs never write into results/.</summary>
    public bool IsQuick { get; internal init; }

    /// <summary>
    /// Where a sweep's merge put the shards' run logs (<see cref="Checkpoints.Checkpointer.Folder"/> reads them there),
    /// or null: the run's own checkpoint folder.
    /// </summary>
    internal string? MergedLog { get; init; }

    /// <summary>True in a sweep's merge: every run must come from a shard's log, none may train (<see cref="Checkpoints.RunLog{TRun, TKey}"/>).</summary>
    internal bool IsMerge { get; init; }

    /// <summary>The seeds the run's manifest lists: 0, 1, ..., <see cref="Seeds"/> − 1 unless the record says otherwise.</summary>
    internal virtual IEnumerable<long> SeedNumbers() => Enumerable.Range(0, Seeds).Select(s => (long)s);

    /// <summary>
    /// <c>GcnConfig { Dataset = cora, Hidden = 16, Layers = [64, 32], ... }</c>: values as the command line spells them.
    /// Sealed, so that derived records print through it instead of synthesizing a ToString that shows arrays as
    /// <c>System.Int32[]</c>.
    /// </summary>
    public sealed override string ToString()
    {
        var members = ConfigFlag.Of(GetType())
            .Select(f => $"{f.Property.Name} = {(f.IsArray ? $"[{ConfigFlag.Format(f.Property.GetValue(this)).Replace(",", ", ")}]" : ConfigFlag.Format(f.Property.GetValue(this)))}")
            .Append($"{nameof(IsQuick)} = {ConfigFlag.Format(IsQuick)}");
        return $"{GetType().Name} {{ {string.Join(", ", members)} }}";
    }

    internal virtual void ValidateRun()
    {
        if (Seeds < 1) throw new ArgumentException($"--seeds must be at least 1, not {Seeds}");
        if (Threads < 1) throw new ArgumentException($"--threads must be at least 1, not {Threads}");
        if (!DevicePattern().IsMatch(Device))
            throw new ArgumentException($"--device must be cpu, cuda or cuda:N, not '{Device}'");
    }

    [GeneratedRegex("^(cpu|cuda(:[0-9]+)?)$")]
    private static partial Regex DevicePattern();
}
