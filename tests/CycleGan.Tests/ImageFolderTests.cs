using static Papers.Torch.torch;

namespace Papers.CycleGan.Tests;

public class ImageFolderTests
{
    // An 8×8 grey PNG whose pixel (r, c) is 4·(8r + c): 0 at the top left, 252 at the bottom right.
    private static byte[] RampPng() =>
        PngBytes.Encode(8, 0, 8, Enumerable.Range(0, 8).Select(r => Enumerable.Range(0, 8).Select(c => (byte)(4 * (8 * r + c))).ToArray()).ToArray(), new byte[8]);

    // An 8×8 RGB PNG, every pixel (R, G, B) = (255, 0, 30).
    private static byte[] RedPng() =>
        PngBytes.Encode(8, 2, 8, Enumerable.Range(0, 8).Select(_ => Enumerable.Range(0, 8).SelectMany(_ => new byte[] { 255, 0, 30 }).ToArray()).ToArray(), new byte[8]);

    private static string Layout()
    {
        var root = Directory.CreateTempSubdirectory("cyclegan-folder").FullName;
        foreach (var split in new[] { "trainA", "trainB", "testA", "testB" }) Directory.CreateDirectory(Path.Combine(root, split));
        File.WriteAllBytes(Path.Combine(root, "trainA", "b_ramp.png"), RampPng());
        File.WriteAllBytes(Path.Combine(root, "trainA", "a_flat.jpg"), JpegBytes.FlatBlocks(8, 8, [[200]]));
        File.WriteAllText(Path.Combine(root, "trainA", "notes.txt"), "not an image");
        File.WriteAllBytes(Path.Combine(root, "trainB", "red.PNG"), RedPng());
        File.WriteAllBytes(Path.Combine(root, "testA", "ramp.png"), RampPng());
        File.WriteAllBytes(Path.Combine(root, "testB", "flat.jpeg"), JpegBytes.FlatBlocks(8, 8, [[50]]));
        return root;
    }

    [Fact]
    public void ReadsTheUnalignedLayoutInFileNameOrderScaledToMinusOneOne()
    {
        var root = Layout();
        try
        {
            using var train = ImageFolder.Load(root, "train", 1, 8);
            Assert.Equal([2L, 1, 8, 8], train.A.shape);                            // the .txt file is skipped
            Assert.Equal([1L, 1, 8, 8], train.B.shape);
            AssertClose.Equal(200 / 127.5 - 1, train.A[0].mean().ToDouble(), 1e-6);   // a_flat.jpg first: flat 200
            var ramp = train.A[1].flatten().data<float>();
            AssertClose.Equal(-1, ramp[0], 1e-6);                                 // 0 → −1
            AssertClose.Equal(252 / 127.5 - 1, ramp[63], 1e-6);                   // 252 → 0.976
            AssertClose.Equal(4 * 9 / 127.5 - 1, ramp[9], 1e-6);                  // pixel (1, 1) = 36
            AssertClose.Equal(95 / 127.5 - 1, train.B.mean().ToDouble(), 1e-6);   // RGB (255, 0, 30) to grey: their mean, 95
            using var test = ImageFolder.Load(root, "test", 3, 8);
            Assert.Equal([1L, 3, 8, 8], test.A.shape);                             // grey replicated to three channels
            Assert.Equal(0, (test.A[0][0] - test.A[0][2]).abs().max().ToDouble());
            AssertClose.Equal(50 / 127.5 - 1, test.B.mean().ToDouble(), 1e-6);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ResizesImagesOfAnotherSize()
    {
        var root = Layout();
        try
        {
            using var small = ImageFolder.LoadFolder(Path.Combine(root, "testB"), 1, 4);
            Assert.Equal([1L, 1, 4, 4], small.shape);
            AssertClose.Equal(50 / 127.5 - 1, small.min().ToDouble(), 1e-6);      // a flat image stays flat
            AssertClose.Equal(50 / 127.5 - 1, small.max().ToDouble(), 1e-6);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AMissingFolderOrAnEmptyOneFailsWithTheLayoutsName()
    {
        var root = Directory.CreateTempSubdirectory("cyclegan-empty").FullName;
        try
        {
            var missing = Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Load(root, "train", 1, 8));
            Assert.Contains("trainA", missing.Message);
            Directory.CreateDirectory(Path.Combine(root, "trainA"));
            Assert.Throws<InvalidDataException>(() => ImageFolder.LoadFolder(Path.Combine(root, "trainA"), 1, 8));
            Assert.Throws<ArgumentException>(() => ImageFolder.Load(root, "val", 1, 8));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
