using System.ComponentModel;

namespace Papers.Shared.Tests;

using Papers.Shared.Cli;

public enum Corpus { Cora, CiteSeer, PubMed }

/// <summary>A small config record with one property of each supported kind, as a paper would write it.</summary>
public sealed record TinyConfig : RunConfig, IValidatable
{
    [Paper("§5.1")] public Corpus Dataset { get; init; } = Corpus.Cora;
    [Paper("§5.2"), Description("hidden units")] public int Hidden { get; init; } = 16;
    [Paper("§5.2")] public double WeightDecay { get; init; } = 5e-4;
    [Paper("Table 3")] public float Dropout { get; init; } = 0.5f;
    [Paper("§5.2")] public long Epochs { get; init; } = 200;
    public bool Featureless { get; init; }
    public string Name { get; init; } = "gcn";
    [Paper("Fig. 2")] public int[] Layers { get; init; } = [64, 32];
    [Paper("§6.1")] public override int Seeds { get; init; } = 100;

    public static TinyConfig Quick => new() { Epochs = 5, Seeds = 1, Layers = [8] };

    public void Validate()
    {
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"--dropout must be in [0, 1), not {Dropout}");
    }
}

/// <summary>A record without a Quick preset: --quick is then no flag of it.</summary>
public sealed record PresetlessConfig : RunConfig
{
    public int Hidden { get; init; } = 16;
}
