using Papers.Torch;

namespace Papers.Shared.Figures;

/// <summary>
/// An 8-bit RGB image for <see cref="Chart.ImageGrid"/>; grayscale is stored with equal channels. Pixel values
/// come in [0, 1] (map a tanh output with (x + 1) / 2 first): values outside are refused rather than clipped, so a
/// mis-scaled image fails loudly instead of looking saturated.
/// </summary>
public sealed class Image
{
    private Image(int height, int width, byte[] rgb)
    {
        Height = height;
        Width = width;
        Rgb = rgb;
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Row-major R, G, B bytes.</summary>
    internal byte[] Rgb { get; }

    /// <summary>A grayscale image from <c>pixels[row, column]</c> in [0, 1].</summary>
    public static Image Gray(double[,] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        int h = pixels.GetLength(0), w = pixels.GetLength(1);
        var values = new double[h * w];
        for (var r = 0; r < h; r++)
            for (var c = 0; c < w; c++) values[r * w + c] = pixels[r, c];
        return FromPlanes(1, h, w, values);
    }

    /// <summary>A colour image from <c>pixels[row, column, channel]</c> in [0, 1], channels R, G, B.</summary>
    public static Image Color(double[,,] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        int h = pixels.GetLength(0), w = pixels.GetLength(1);
        if (pixels.GetLength(2) != 3) throw new ArgumentException($"colour pixels are [height, width, 3], not [{h}, {w}, {pixels.GetLength(2)}]", nameof(pixels));
        var planes = new double[3 * h * w];
        for (var ch = 0; ch < 3; ch++)
            for (var r = 0; r < h; r++)
                for (var c = 0; c < w; c++) planes[(ch * h + r) * w + c] = pixels[r, c, ch];
        return FromPlanes(3, h, w, planes);
    }

    /// <summary>An image from a tensor shaped as torchvision's: [H, W], [1, H, W] or [3, H, W], values in [0, 1].</summary>
    public static Image FromTensor(torch.Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var shape = image.shape;
        var (channels, h, w) = shape switch
        {
            [var hh, var ww] => (1L, hh, ww),
            [var cc and (1 or 3), var hh, var ww] => (cc, hh, ww),
            _ => throw new ArgumentException($"an image tensor is [H, W], [1, H, W] or [3, H, W], not [{string.Join(", ", shape)}]", nameof(image)),
        };
        using var values = image.detach().to(torch.float64);
        return FromPlanes((int)channels, checked((int)h), checked((int)w), values.data<double>());
    }

    /// <summary>One image per item of a [N, C, H, W] batch (C = 1 or 3).</summary>
    public static IReadOnlyList<Image> FromBatch(torch.Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.dim() != 4) throw new ArgumentException($"a batch of images is [N, C, H, W], not [{string.Join(", ", batch.shape)}]", nameof(batch));
        var images = new List<Image>();
        for (var i = 0; i < batch.size(0); i++)
        {
            using var item = batch[i];
            images.Add(FromTensor(item));
        }
        return images;
    }

    /// <summary>Planes [C, H, W] (C = 1 or 3) in [0, 1] to interleaved RGB bytes.</summary>
    private static Image FromPlanes(int channels, int h, int w, double[] planes)
    {
        if (h < 1 || w < 1) throw new ArgumentException($"an image needs at least one pixel, not {h}x{w}");
        var rgb = new byte[3 * h * w];
        for (var p = 0; p < h * w; p++)
        {
            for (var ch = 0; ch < 3; ch++)
            {
                var v = planes[(channels == 1 ? 0 : ch) * h * w + p];
                if (!(v >= 0 && v <= 1))
                    throw new ArgumentException($"pixel ({p / w}, {p % w}) is {v}; image values belong in [0, 1]: rescale before plotting");
                rgb[3 * p + ch] = (byte)Math.Round(v * 255);
            }
        }
        return new Image(h, w, rgb);
    }
}
