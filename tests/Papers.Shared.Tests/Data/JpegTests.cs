using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

public class JpegTests
{
    [Fact]
    public void GrayscaleJpegDecodesToRgbWithEachBlockFlat()
    {
        // Two 8×8 blocks side by side: 200 and 50.
        var image = Jpeg.Decode(JpegBytes.FlatBlocks(8, 16, [[200, 50]]), "gray.jpg");

        Assert.Equal((8, 16, 3), (image.Height, image.Width, image.Channels));
        for (var y = 0; y < 8; y++)
            for (var x = 0; x < 16; x++)
                for (var c = 0; c < 3; c++)
                    Assert.Equal(x < 8 ? 200 : 50, image[y, x, c]);
    }

    [Fact]
    public void YCbCrJpegIsConvertedToRgbInRgbOrder()
    {
        // JFIF: R = Y + 1.402(Cr − 128), G = Y − 0.34414(Cb − 128) − 0.71414(Cr − 128), B = Y + 1.772(Cb − 128).
        // Y = 100, Cb = 128, Cr = 200: R = 200.94, G = 48.58, B = 100; libjpeg's fixed point rounds within 1.
        var image = Jpeg.Decode(JpegBytes.FlatBlocks(8, 8, [[100], [128], [200]]), "color.jpg");

        Assert.Equal((8, 8, 3), (image.Height, image.Width, image.Channels));
        for (var i = 0; i < 64; i++)
        {
            Assert.InRange(image.Pixels[3 * i], 200, 201);
            Assert.InRange(image.Pixels[3 * i + 1], 48, 49);
            Assert.Equal(100, image.Pixels[3 * i + 2]);
        }
    }

    [Fact]
    public void DamagedOrForeignBytesAreRefusedNamingTheFile()
    {
        var jpeg = JpegBytes.FlatBlocks(8, 16, [[200, 50]]);

        Assert.Equal("x.png: not a JPEG file (no FF D8 start-of-image marker)",
                     Assert.Throws<InvalidDataException>(() => Jpeg.Decode([0x89, (byte)'P', (byte)'N', (byte)'G'], "x.png")).Message);
        Assert.StartsWith("cut.jpg: ", Assert.Throws<InvalidDataException>(() => Jpeg.Decode(jpeg[..^5], "cut.jpg")).Message);
        Assert.StartsWith("head.jpg: unreadable JPEG header", Assert.Throws<InvalidDataException>(() => Jpeg.Decode(jpeg[..40], "head.jpg")).Message);
    }

    [DataFact("bsds500/train/100075.jpg")]
    public void BsdsTrainingImagesDecodeAsLandscape481By321()
    {
        var files = DataCatalog.Files.Where(f => f.Path.StartsWith("bsds500/train/", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, files.Count);
        foreach (var file in files)
        {
            var image = Jpeg.Load(DataFiles.Get(file.Path));
            Assert.Equal((321, 481, 3), (image.Height, image.Width, image.Channels));
            Assert.True(image.Pixels.Distinct().Count() > 100, $"{file} decoded to nearly one value");
        }
    }
}
