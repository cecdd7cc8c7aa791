using Papers.Shared.Data;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>One split of a digit domain: grey images float32 [N, 1, 32, 32] in [−1, 1] and labels int64 [N].</summary>
public sealed record DigitSet(string Name, Tensor Images, Tensor Labels) : IDisposable
{
    public long Count => Labels.shape[0];

    /// <summary>The first <paramref name="count"/> examples (all when 0 or more than there are), sharing storage.</summary>
    public DigitSet Take(int count) => count <= 0 || count >= Count ? this with { Images = Images.alias(), Labels = Labels.alias() }
        : this with { Images = Images.narrow(0, 0, count), Labels = Labels.narrow(0, 0, count) };

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}

/// <summary>
/// The two domains of the digit experiment, as the 32×32 digit literature reads them (the kit's
/// <see cref="Digits32"/>: MNIST 28×28 and USPS 16×16 resized to 32×32): X = MNIST (domain A), Y = USPS (domain B).
/// Grey, one channel, so the generators map 1 channel to 1 (the authors' --input_nc 1 --output_nc 1).
/// </summary>
public static class DigitDomains
{
    public const string Mnist = "MNIST";
    public const string Usps = "USPS";
    public const int Side = Digits32.Side;

    public static (DigitSet Train, DigitSet Test) LoadMnist() => (Scaled(Mnist, Digits32.Mnist("train")), Scaled(Mnist, Digits32.Mnist("t10k")));

    public static (DigitSet Train, DigitSet Test) LoadUsps() => (Scaled(Usps, Digits32.Usps("train")), Scaled(Usps, Digits32.Usps("test")));

    /// <summary>MNIST's four files and USPS's two, checked before the first step.</summary>
    public static IEnumerable<Prerequisite> Prerequisites() => Digits32.MnistFiles.Concat(Digits32.UspsFiles).Select(path => Prerequisite.DataFile(path));

    private static DigitSet Scaled(string name, (Tensor Images, Tensor Labels) split)
    {
        using var unit = split.Images;                                             // [N, 1, 32, 32] in [0, 1]
        return new DigitSet(name, unit * 2 - 1, split.Labels);                     // [N, 1, 32, 32] in [−1, 1]
    }
}
