using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Shared.Data;

/// <summary>
/// An 8-bit image: <c>Height</c> rows of <c>Width</c> pixels of <c>Channels</c> samples (1 gray, 2 gray+alpha,
/// 3 RGB, 4 RGBA), row-major and interleaved, so sample c of pixel (y, x) is <c>Pixels[(y·Width + x)·Channels + c]</c>.
/// </summary>
public sealed record Image(int Height, int Width, int Channels, byte[] Pixels)
{
    public byte this[int y, int x, int c] => Pixels[((long)y * Width + x) * Channels + c];

    /// <summary>A uint8 tensor [height, width, channels], the layout of PIL's <c>np.asarray(image)</c>.</summary>
    public Tensor ToTensor() => torch.tensor(Pixels, [Height, Width, Channels]);
}
