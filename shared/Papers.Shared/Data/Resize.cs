namespace Papers.Shared.Data;

/// <summary>
/// The two small-image resizes of the 32×32 digit benchmarks: scikit-image's <c>resize(img, (32, 32), mode='reflect')</c>
/// (DIRT-T's data/download_mnist.py, for MNIST and USPS) and Pillow's bilinear resize behind <c>scipy.misc.imresize</c>
/// (DIRT-T's datasets.py Mnistm.resize_cast). Both sample at pixel centres, source = (i + ½) · in/out − ½.
/// </summary>
public static class Resize
{
    /// <summary>
    /// scikit-image's order-1 warp: bilinear in double precision, indices outside the image mirrored about the edge
    /// pixel (index −1 reads 1, index n reads n − 2). <paramref name="image"/> [rows, columns] in [0, 1].
    /// </summary>
    public static float[] Reflect(ReadOnlySpan<float> image, int rows, int columns, int outRows, int outColumns)
    {
        if (image.Length != rows * columns) throw new ArgumentException($"{image.Length} pixels for a {rows}×{columns} image");
        var output = new float[outRows * outColumns];
        for (var i = 0; i < outRows; i++)
        {
            var r = (i + 0.5) * rows / outRows - 0.5;
            var r0 = (int)Math.Floor(r);
            var dr = r - r0;
            for (var j = 0; j < outColumns; j++)
            {
                var c = (j + 0.5) * columns / outColumns - 0.5;
                var c0 = (int)Math.Floor(c);
                var dc = c - c0;
                var top = (1 - dc) * At(image, rows, columns, r0, c0) + dc * At(image, rows, columns, r0, c0 + 1);
                var bottom = (1 - dc) * At(image, rows, columns, r0 + 1, c0) + dc * At(image, rows, columns, r0 + 1, c0 + 1);
                output[i * outColumns + j] = (float)((1 - dr) * top + dr * bottom);
            }
        }
        return output;
    }

    /// <summary>
    /// Pillow's BILINEAR resize of 8-bit images (Resample.c): separable, the horizontal pass first, each pass with a
    /// triangle filter whose weights are normalised over the pixels inside the image, applied in 22-bit fixed point
    /// and rounded to a byte. <paramref name="image"/> [rows, columns, channels] interleaved.
    /// </summary>
    public static byte[] PillowBilinear(ReadOnlySpan<byte> image, int rows, int columns, int channels, int outRows, int outColumns)
    {
        if (image.Length != rows * columns * channels) throw new ArgumentException($"{image.Length} bytes for a {rows}×{columns}×{channels} image");
        var (xStart, xWeights) = Coefficients(columns, outColumns);
        var (yStart, yWeights) = Coefficients(rows, outRows);
        var horizontal = new byte[rows * outColumns * channels];
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < outColumns; x++)
                for (var ch = 0; ch < channels; ch++)
                {
                    var sum = Half;
                    for (var k = 0; k < xWeights[x].Length; k++) sum += image[(y * columns + xStart[x] + k) * channels + ch] * xWeights[x][k];
                    horizontal[(y * outColumns + x) * channels + ch] = Clip(sum);
                }
        var output = new byte[outRows * outColumns * channels];
        for (var y = 0; y < outRows; y++)
            for (var x = 0; x < outColumns; x++)
                for (var ch = 0; ch < channels; ch++)
                {
                    var sum = Half;
                    for (var k = 0; k < yWeights[y].Length; k++) sum += horizontal[((yStart[y] + k) * outColumns + x) * channels + ch] * yWeights[y][k];
                    output[(y * outColumns + x) * channels + ch] = Clip(sum);
                }
        return output;
    }

    private const int PrecisionBits = 32 - 8 - 2;
    private const long Half = 1L << (PrecisionBits - 1);

    private static byte Clip(long sum) => (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);

    // Pillow's precompute_coeffs for the bilinear filter (support 1), with filterscale max(in/out, 1).
    private static (int[] Start, int[][] Weights) Coefficients(int inSize, int outSize)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = 1.0 * filterScale;
        var start = new int[outSize];
        var weights = new int[outSize][];
        for (var x = 0; x < outSize; x++)
        {
            var center = (x + 0.5) * scale;
            var min = Math.Max((int)(center - support + 0.5), 0);
            var max = Math.Min((int)(center + support + 0.5), inSize) - min;
            var w = new double[max];
            for (var k = 0; k < max; k++) w[k] = Math.Max(0, 1 - Math.Abs((k + min - center + 0.5) / filterScale));
            var total = w.Sum();
            start[x] = min;
            weights[x] = w.Select(v => v / total).Select(v => (int)(v * (1 << PrecisionBits) + (v < 0 ? -0.5 : 0.5))).ToArray();
        }
        return (start, weights);
    }

    private static double At(ReadOnlySpan<float> image, int rows, int columns, int y, int x) => image[Mirror(y, rows) * columns + Mirror(x, columns)];

    private static int Mirror(int index, int size) =>
        index < 0 ? -index : index >= size ? 2 * (size - 1) - index : index;
}
