using Papers.Shared.Data;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>Two unpaired image sets, A and B, of one split: float32 [N, C, side, side] in [−1, 1].</summary>
public sealed record UnpairedImages(Tensor A, Tensor B) : IDisposable
{
    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}

/// <summary>
/// The authors' unaligned dataset layout (data/unaligned_dataset.py; datasets/download_cyclegan_dataset.sh):
/// <c>root/trainA</c>, <c>trainB</c>, <c>testA</c>, <c>testB</c>, each a folder of JPEG or PNG files, read in file-name
/// order. Each image becomes <c>channels</c> channels (grey replicated, RGB averaged to grey, alpha dropped), is resized
/// to side × side by bilinear interpolation where it differs (the authors resize by bicubic to 286 and crop 256 at
/// random; a fixed size keeps this loader deterministic), and is scaled from 0–255 to [−1, 1] (transforms.Normalize
/// with mean and std ½).
/// </summary>
public static class ImageFolder
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];

    /// <summary>Reads <c>{split}A</c> and <c>{split}B</c> under <paramref name="root"/> (split: train or test).</summary>
    public static UnpairedImages Load(string root, string split, int channels, int side)
    {
        if (split is not ("train" or "test")) throw new ArgumentException($"split is train or test, not '{split}'");
        return new UnpairedImages(LoadFolder(Path.Combine(root, split + "A"), channels, side), LoadFolder(Path.Combine(root, split + "B"), channels, side));
    }

    /// <summary>Every JPEG and PNG file of <paramref name="folder"/> as [N, channels, side, side] in [−1, 1].</summary>
    public static Tensor LoadFolder(string folder, int channels, int side)
    {
        if (channels is not (1 or 3)) throw new ArgumentException($"channels is 1 (grey) or 3 (RGB), not {channels}");
        if (side < 1) throw new ArgumentException($"side must be positive, not {side}");
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"no image folder {folder}: the unaligned layout has trainA, trainB, testA and testB");
        var files = Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidDataException($"{folder} holds no .jpg, .jpeg or .png file");
        var size = channels * side * side;
        var pixels = new byte[files.Count * size];
        for (var n = 0; n < files.Count; n++) Pixels(Read(files[n]), channels, side).CopyTo(pixels, n * size);
        using var hwc = tensor(pixels, [files.Count, side, side, channels]);
        using var unit = hwc.permute(0, 3, 1, 2).to(ScalarType.Float32) / 255.0;   // [N, C, side, side]
        return unit * 2 - 1;
    }

    private static Image Read(string path) => Path.GetExtension(path).ToLowerInvariant() == ".png" ? Png.Load(path) : Jpeg.Load(path);

    // An image's samples as side × side × channels bytes, row-major and interleaved.
    private static byte[] Pixels(Image image, int channels, int side)
    {
        var colour = image.Channels is 3 or 4;
        var converted = new byte[image.Height * image.Width * channels];
        for (var p = 0; p < image.Height * image.Width; p++)
        {
            var source = image.Pixels.AsSpan(p * image.Channels, image.Channels);
            if (channels == 1) converted[p] = colour ? (byte)Math.Round((source[0] + source[1] + source[2]) / 3.0) : source[0];
            else for (var c = 0; c < 3; c++) converted[p * 3 + c] = colour ? source[c] : source[0];
        }
        return image.Height == side && image.Width == side ? converted : Resize.PillowBilinear(converted, image.Height, image.Width, channels, side, side);
    }
}
