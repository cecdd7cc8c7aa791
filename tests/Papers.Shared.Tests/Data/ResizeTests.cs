using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

public class ResizeTests
{
    [Fact]
    public void ReflectResizeMirrorsAtTheEdges()
    {
        // A ramp along columns, v = c / 27: output column 0 samples c = −1/16, mirrored to 1/16 of the way to column 1.
        var image = new float[28 * 28];
        for (var r = 0; r < 28; r++)
            for (var c = 0; c < 28; c++) image[r * 28 + c] = c / 27f;
        var output = Resize.Reflect(image, 28, 28, 32, 32);
        AssertClose.Equal(0.0625 / 27, output[0], 1e-7);
        AssertClose.Equal((27 - 0.0625) / 27, output[31], 1e-7);
        AssertClose.Equal((0.5 * 0.875 - 0.5 + 16 * 0.875) / 27, output[5 * 32 + 16], 1e-7);   // interior: linear in c
    }

    [Fact]
    public void PillowBilinearKeepsConstantsAndClampsAtTheEdges()
    {
        var constant = Enumerable.Repeat((byte)77, 28 * 28 * 3).ToArray();
        Assert.All(Resize.PillowBilinear(constant, 28, 28, 3, 32, 32), v => Assert.Equal(77, v));
        // A step from 0 to 255 between columns 13 and 14: the edges keep their values, the middle rounds between.
        var step = new byte[28 * 28];
        for (var r = 0; r < 28; r++)
            for (var c = 14; c < 28; c++) step[r * 28 + c] = 255;
        var output = Resize.PillowBilinear(step, 28, 28, 1, 32, 32);
        Assert.Equal(0, output[0]);
        Assert.Equal(255, output[31]);
        // Output column 15 centres at 15.5 · 0.875 = 13.5625: weight 1 − 0.0625 on column 13 (centre 13.5), 0.0625 on
        // column 14 (centre 14.5); 255 · 0.0625 = 15.94 rounds to 16.
        Assert.Equal(16, output[15]);
    }
}

public class PillowReferenceTests
{
    /// <summary>
    /// fixtures/: a random 28×28 RGB image (Python's random.seed(0), randrange(256) per byte) and Pillow 9.4.0's
    /// <c>Image.frombytes('RGB', (28, 28), a).resize((32, 32), Image.BILINEAR)</c> of it (Debian 12's python3-pil).
    /// </summary>
    [Fact]
    public void PillowBilinearMatchesPillowByteForByte()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var input = File.ReadAllBytes(Path.Combine(folder, "pillow-bilinear-in-28x28x3.bin"));
        var expected = File.ReadAllBytes(Path.Combine(folder, "pillow-bilinear-out-32x32x3.bin"));
        Assert.Equal(expected, Resize.PillowBilinear(input, 28, 28, 3, 32, 32));
    }
}
