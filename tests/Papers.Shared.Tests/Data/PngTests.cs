using System.IO.Compression;
using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

public class PngTests
{
    [Fact]
    public void TestEncoderCrcMatchesTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, PngBytes.Crc32("123456789"u8)); // CRC-32/ISO-HDLC check value

    [Fact]
    public void OneBitGrayscaleUnpacksMostSignificantBitFirstToBlackAndWhite()
    {
        // 10 pixels a row: two bytes, the last 6 bits padding. Row 0 alternates 1, 0; row 1 is 0 but its last pixel.
        var png = PngBytes.Encode(10, 0, 1, [[0b1010_1010, 0b1000_0000], [0b0000_0000, 0b0100_0000]], [0, 0]);

        var image = Png.Decode(png, "glyph.png");

        Assert.Equal((2, 10, 1), (image.Height, image.Width, image.Channels));
        Assert.Equal([255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255], image.Pixels);
    }

    [Theory]
    [InlineData(2, new byte[] { 0b11_01_10_00 }, new byte[] { 255, 85, 170 })]
    [InlineData(4, new byte[] { 0xf0, 0x80 }, new byte[] { 255, 0, 136 })]
    public void PackedGrayscaleScalesTo255(int depth, byte[] row, byte[] expected)
    {
        var image = Png.Decode(PngBytes.Encode(3, 0, depth, [row], [0]), "gray.png");
        Assert.Equal(expected, image.Pixels);
    }

    private static byte Sample(int y, int x, int c) => (byte)((x * 53 + y * 101 + c * 17 + x * y * 7) % 256);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    [InlineData(4, 2)]
    [InlineData(6, 4)]
    public void EveryFilterTypeReconstructsThe8BitSamples(int colorType, int channels)
    {
        const int width = 5, height = 10;
        var rows = Enumerable.Range(0, height)
            .Select(y => Enumerable.Range(0, width * channels).Select(i => Sample(y, i / channels, i % channels)).ToArray()).ToArray();
        // Rows 0-4 and 5-9 each use filters 0, 1, 2, 3, 4: every filter once on the first row and once below another.
        var filters = Enumerable.Range(0, height).Select(y => (byte)(y % 5)).ToArray();

        var image = Png.Decode(PngBytes.Encode(width, colorType, 8, rows, filters), "filters.png");

        Assert.Equal((height, width, channels), (image.Height, image.Width, image.Channels));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                for (var c = 0; c < channels; c++)
                    Assert.Equal(Sample(y, x, c), image[y, x, c]);
        using var t = image.ToTensor();
        Assert.Equal([(long)height, width, channels], t.shape);
    }

    [Theory]
    [InlineData(0, 8, 1, "interlaced (Adam7) PNGs are not supported")]
    [InlineData(3, 8, 0, "color type 3 at bit depth 8 is not supported")]
    [InlineData(0, 16, 0, "color type 0 at bit depth 16 is not supported")]
    public void UnsupportedKindsAreRefusedClearly(int colorType, int depth, byte interlace, string reason)
    {
        var png = PngBytes.Encode(1, colorType, depth, [new byte[depth / 8]], [0], interlace);
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(png, "odd.png"));
        Assert.StartsWith($"odd.png: not a readable PNG: {reason}", e.Message);
    }

    [Fact]
    public void DamagedFilesAreRefusedNamingTheProblem()
    {
        var png = PngBytes.Encode(2, 0, 8, [[1, 2], [3, 4]], [0, 0]);
        var flipped = (byte[])png.Clone();
        flipped[^20] ^= 1; // inside IDAT's data

        Assert.Contains("CRC mismatch in chunk IDAT", Assert.Throws<InvalidDataException>(() => Png.Decode(flipped, "a.png")).Message);
        Assert.Contains("truncated before IEND", Assert.Throws<InvalidDataException>(() => Png.Decode(png[..^12], "a.png")).Message);
        Assert.Contains("no PNG signature", Assert.Throws<InvalidDataException>(() => Png.Decode(png[1..], "a.png")).Message);
        var wrongSize = PngBytes.Encode(2, 0, 8, [[1, 2]], [0]);
        wrongSize[23] = 3; // IHDR height 3, data for 1 row; the CRC is recomputed below
        var ihdr = PngBytes.Chunk("IHDR", wrongSize[16..29]);
        ihdr.CopyTo(wrongSize, 8);
        Assert.Contains("shorter than the 9 bytes", Assert.Throws<InvalidDataException>(() => Png.Decode(wrongSize, "a.png")).Message);
    }

    [Fact]
    public void ArchiveEntriesAreReadWithoutExtracting()
    {
        using var folder = new TempFolder();
        var zipPath = folder.File("images.zip");
        var glyph = PngBytes.Encode(3, 0, 1, [[0b1010_0000]], [0]);
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var (name, bytes) in new[] { ("Greek/character02/0395_01.png", glyph), ("Greek/character01/0394_01.png", glyph),
                                                  ("run01/class_labels.txt", "run01/test/item01.png run01/training/class05.png\n"u8.ToArray()) })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
            zip.CreateEntry("Greek/");
        }

        using var archive = ImageArchive.Open(zipPath);

        Assert.Equal(["Greek/character01/0394_01.png", "Greek/character02/0395_01.png", "run01/class_labels.txt"], archive.Entries);
        Assert.Equal(2, archive.PngEntries.Count());
        Assert.Equal([255, 0, 255], archive.ReadPng("Greek/character02/0395_01.png").Pixels);
        Assert.Equal("run01/test/item01.png run01/training/class05.png\n", archive.ReadText("run01/class_labels.txt"));
        Assert.Throws<FileNotFoundException>(() => archive.ReadPng("Greek/character03/0396_01.png"));
        var notZip = folder.Write("fake.zip", "not a zip"u8.ToArray());
        Assert.StartsWith($"{notZip}: not a readable zip archive", Assert.Throws<InvalidDataException>(() => ImageArchive.Open(notZip)).Message);
    }

    [DataTheory("omniglot/images_background_small1.zip", "omniglot/images_background_small2.zip")]
    [InlineData("images_background_small1.zip", 2720, "Balinese Early_Aramaic Greek Korean Latin", 136)]
    [InlineData("images_background_small2.zip", 3120, "Greek Japanese_(katakana) Latin Sanskrit Tagalog", 156)]
    public void OmniglotArchivesHold105By105OneBitDrawings(string file, int images, string alphabets, int characters)
    {
        using var archive = ImageArchive.Open(DataFiles.Get($"omniglot/{file}"));
        var pngs = archive.PngEntries.ToList();

        Assert.Equal(images, pngs.Count);
        // images_background_smallN/<Alphabet>/characterNN/<drawing>_<drawer>.png
        Assert.Equal(alphabets.Split(' '), pngs.Select(p => p.Split('/')[1]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(characters, pngs.Select(p => Path.GetDirectoryName(p)).Distinct().Count());
        foreach (var entry in pngs)
        {
            var image = archive.ReadPng(entry);
            Assert.Equal((105, 105, 1), (image.Height, image.Width, image.Channels));
            // White background (1 → 255) with black strokes (0).
            var strokes = image.Pixels.Count(p => p == 0);
            Assert.Equal(105 * 105, strokes + image.Pixels.Count(p => p == 255));
            Assert.InRange(strokes, 1, 105 * 105 / 2);
        }
    }

    [DataFact("omniglot/all_runs.zip")]
    public void OmniglotOneShotRunsPairEachTestItemWithATrainingClass()
    {
        using var archive = ImageArchive.Open(DataFiles.Get("omniglot/all_runs.zip"));

        Assert.Equal(800, archive.PngEntries.Count());
        for (var run = 1; run <= 20; run++)
        {
            var lines = archive.ReadText($"run{run:00}/class_labels.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(20, lines.Length);
            foreach (var pair in lines.Select(l => l.Trim().Split(' ')))
            {
                Assert.Matches($"^run{run:00}/test/item\\d\\d\\.png$", pair[0]);
                Assert.Matches($"^run{run:00}/training/class\\d\\d\\.png$", pair[1]);
                var (test, training) = (archive.ReadPng(pair[0]), archive.ReadPng(pair[1]));
                Assert.Equal((105, 105, 105, 105), (test.Height, test.Width, training.Height, training.Width));
            }
        }
    }
}
