using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Shared.Data;

/// <summary>
/// MNIST and USPS as the 32×32 digit benchmarks read them (DIRT-T's download_mnist.py, CyCADA's digit loaders): each
/// grey digit scaled to [0, 1] and resized to 32×32 by scikit-image's bilinear with mirrored edges
/// (<see cref="Resize.Reflect"/>). Images float32 [N, 1, 32, 32], labels int64 [N].
/// </summary>
public static class Digits32
{
    public const int Side = 32;

    public static readonly string[] MnistFiles =
        ["mnist/train-images-idx3-ubyte.gz", "mnist/train-labels-idx1-ubyte.gz", "mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz"];

    public static readonly string[] UspsFiles = ["usps/zip.train.gz", "usps/zip.test.gz"];

    /// <summary>MNIST's <paramref name="prefix"/> split ("train" or "t10k"), 28×28 → 32×32.</summary>
    public static (Tensor Images, Tensor Labels) Mnist(string prefix)
    {
        var images = Idx.LoadImages(DataFiles.Get($"mnist/{prefix}-images-idx3-ubyte.gz"));
        var labels = Idx.LoadLabels(DataFiles.Get($"mnist/{prefix}-labels-idx1-ubyte.gz"));
        var size = images.Rows * images.Columns;
        var pixels = Grey32(images.Count, images.Rows, images.Columns, n => images.Pixels.AsSpan(n * size, size).ToArray().Select(b => b / 255f).ToArray());
        return (tensor(pixels, [images.Count, 1, Side, Side]), LabelTensor(labels));
    }

    /// <summary>USPS's <paramref name="split"/> ("train" or "test"): 16×16 values in [−1, 1] mapped to [0, 1], resized as MNIST is.</summary>
    public static (Tensor Images, Tensor Labels) Usps(string split)
    {
        var digits = Papers.Shared.Data.Usps.Load(DataFiles.Get($"usps/zip.{split}.gz"));
        const int side = UspsDigits.Side;
        var pixels = Grey32(digits.Count, side, side, n => digits.Pixels.AsSpan(n * side * side, side * side).ToArray().Select(v => (v + 1) / 2).ToArray());
        return (tensor(pixels, [digits.Count, 1, Side, Side]), LabelTensor(digits.Labels));
    }

    /// <summary>Class labels 0–9 as int64 [N].</summary>
    public static Tensor LabelTensor(byte[] labels) => tensor(labels.Select(l => (long)l).ToArray(), [labels.Length]);

    private static float[] Grey32(int count, int rows, int columns, Func<int, float[]> image)
    {
        const int outPixels = Side * Side;
        var pixels = new float[count * outPixels];
        Parallel.For(0, count, n => Resize.Reflect(image(n), rows, columns, Side, Side).CopyTo(pixels, n * outPixels));
        return pixels;
    }
}
