using System.ComponentModel;

namespace Papers.Shared.Cli;

/// <summary>
/// The config of a paper whose experiment is a grid of independent runs: the list-valued settings marked
/// <see cref="SweepAxisAttribute"/> (datasets, environments, algorithms) × the seeds, each run logged by the kit's
/// <see cref="Checkpoints.RunLog{TRun, TKey}"/>. Such a paper can be swept (<c>sweep --backend local|slurm</c>): each
/// task of the sweep runs one value of every axis and a range of seeds, which <see cref="FirstSeed"/> starts.
/// The paper's seed loops read <see cref="SeedRange"/>, never 0..Seeds−1 by hand.
/// </summary>
public abstract record GridConfig : RunConfig
{
    [Description("the first seed: runs are seeded first-seed, ..., first-seed + seeds − 1 (a sweep gives each task its own range)")]
    public int FirstSeed { get; init; }

    /// <summary>The seeds of this run: <see cref="FirstSeed"/>, ..., <see cref="FirstSeed"/> + <see cref="RunConfig.Seeds"/> − 1.</summary>
    public IEnumerable<int> SeedRange() => Enumerable.Range(FirstSeed, Seeds);

    /// <summary>
    /// Why this config cannot be swept, or null: a part of the experiment outside the run log (trained in every task
    /// otherwise) names the flags that leave it out.
    /// </summary>
    public virtual string? WhyNotSweepable() => null;

    internal override IEnumerable<long> SeedNumbers() => SeedRange().Select(s => (long)s);

    internal override void ValidateRun()
    {
        base.ValidateRun();
        if (FirstSeed < 0) throw new ArgumentException($"--first-seed must be 0 or more, not {FirstSeed}");
    }
}

/// <summary>
/// Marks a list-valued setting of a <see cref="GridConfig"/> as an axis of its grid: a sweep runs each of its values
/// in tasks of their own (<c>[SweepAxis] public string[] Datasets</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SweepAxisAttribute : Attribute;
