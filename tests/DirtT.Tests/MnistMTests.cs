using Papers.Shared.Data;

namespace Papers.DirtT.Tests;

public class MnistMTests
{
    private const int Side = MnistMImages.Side;

    // Two hand-made digits: a vertical bar (255) on 0, and a constant 100.
    private static IdxImages TwoDigits()
    {
        var pixels = new byte[2 * Side * Side];
        for (var y = 0; y < Side; y++) pixels[y * Side + 14] = 255;
        Array.Fill(pixels, (byte)100, Side * Side, Side * Side);
        return new IdxImages(2, Side, Side, pixels);
    }

    // An RGB background of 29×29: the crop's corner can only be (0, 0), so the blend is known exactly.
    private static Image Background(Func<int, int, int, byte> value)
    {
        var pixels = new byte[29 * 29 * 3];
        for (var y = 0; y < 29; y++)
            for (var x = 0; x < 29; x++)
                for (var c = 0; c < 3; c++) pixels[(y * 29 + x) * 3 + c] = value(y, x, c);
        return new Image(29, 29, 3, pixels);
    }

    [Fact]
    public void BlendIsTheAbsoluteDifferenceOfCropAndDigitPerChannel()
    {
        var background = Background((y, x, c) => (byte)(40 * c + y + x));
        var output = MnistM.Blend(TwoDigits(), [background], seed: 0);
        Assert.Equal(2 * MnistMImages.Bytes, output.Length);
        for (var y = 0; y < Side; y++)
            for (var x = 0; x < Side; x++)
                for (var c = 0; c < 3; c++)
                {
                    var crop = 40 * c + y + x;
                    Assert.Equal((byte)Math.Abs(crop - (x == 14 ? 255 : 0)), output[(y * Side + x) * 3 + c]);
                    Assert.Equal((byte)Math.Abs(crop - 100), output[MnistMImages.Bytes + (y * Side + x) * 3 + c]);
                }
    }

    [Fact]
    public void BlendIsDeterministicPerSeed()
    {
        var backgrounds = Enumerable.Range(0, 5).Select(k => new Image(60, 70, 3,
            Enumerable.Range(0, 60 * 70 * 3).Select(i => (byte)((i * (k + 7)) % 251)).ToArray())).ToList();
        var digits = TwoDigits();
        Assert.Equal(MnistM.Blend(digits, backgrounds, 4), MnistM.Blend(digits, backgrounds, 4));
        Assert.NotEqual(MnistM.Blend(digits, backgrounds, 4), MnistM.Blend(digits, backgrounds, 5));
    }

    [Fact]
    public void BackgroundsAreTheCataloguedBsdsTrainImages()
    {
        Assert.Equal(200, MnistM.BackgroundFiles.Count);
        Assert.All(MnistM.BackgroundFiles, f => Assert.Matches(@"^bsds500/train/\d+\.jpg$", f));
    }
}

public class OfficialMnistMTests
{
    /// <summary>Two 28×28 RGB PNGs and their label list, laid out as the unpacked mnist_m.tar.gz.</summary>
    [Fact]
    public void OfficialFilesReadWithTheirLabels()
    {
        var folder = Directory.CreateTempSubdirectory("mnist_m").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "mnist_m_test"));
            byte[] Rgb(int seed) => Enumerable.Range(0, MnistMImages.Bytes).Select(i => (byte)((i * seed) % 256)).ToArray();
            for (var n = 0; n < 2; n++)
            {
                var pixels = Rgb(n + 3);
                var rows = Enumerable.Range(0, 28).Select(y => pixels.AsSpan(y * 28 * 3, 28 * 3).ToArray()).ToArray();
                File.WriteAllBytes(Path.Combine(folder, "mnist_m_test", $"0000000{n}.png"), PngBytes.Encode(28, 2, 8, rows, new byte[28]));
            }
            File.WriteAllText(Path.Combine(folder, "mnist_m_test_labels.txt"), "00000000.png 7\n00000001.png 2\n");
            var images = MnistM.LoadOfficial(folder, "test");
            Assert.Equal(2, images.Count);
            Assert.Equal(new byte[] { 7, 2 }, images.Labels);
            Assert.Equal(Rgb(3).Concat(Rgb(4)).ToArray(), images.Pixels);
            File.WriteAllText(Path.Combine(folder, "mnist_m_test_labels.txt"), "00000000.png 12\n");
            Assert.Contains("label 0-9", Assert.Throws<InvalidDataException>(() => MnistM.LoadOfficial(folder, "test")).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
