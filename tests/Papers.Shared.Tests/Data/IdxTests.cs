using System.Buffers.Binary;
using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

public class IdxTests
{
    /// <summary>An IDX file: magic 00 00 08 ndim, big-endian int32 sizes, then the ubyte elements.</summary>
    private static byte[] IdxFile(int[] dims, byte[] data, byte type = 0x08)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)dims.Length };
        foreach (var d in dims)
        {
            var size = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(size, d);
            bytes.AddRange(size);
        }
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static readonly byte[] s_pixels = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ImagesAndLabelsReadGzippedOrRaw(bool gzip)
    {
        using var folder = new TempFolder();
        Func<byte[], byte[]> pack = gzip ? TestFiles.Gzip : b => b;
        var images = folder.Write("images-idx3-ubyte", pack(IdxFile([2, 2, 3], s_pixels)));
        var labels = folder.Write("labels-idx1-ubyte", pack(IdxFile([2], [7, 2])));

        var read = Idx.LoadImages(images);

        Assert.Equal((2, 2, 3), (read.Count, read.Rows, read.Columns));
        Assert.Equal(s_pixels, read.Pixels);
        Assert.Equal([7, 2], Idx.LoadLabels(labels));
        using var t = read.ToTensor();
        Assert.Equal([2L, 2L, 3L], t.shape);
    }

    [Fact]
    public void LabelsFileIsNotImages()
    {
        using var folder = new TempFolder();
        var labels = folder.Write("labels", IdxFile([2], [7, 2]));
        var e = Assert.Throws<InvalidDataException>(() => Idx.LoadImages(labels));
        Assert.Equal($"{labels}: IDX magic 0x00000801 has 1 dimensions; images need 3 (magic 0x00000803)", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x1f, 0x8b, 0, 0 }, "corrupt gzip")]
    [InlineData(new byte[] { 0x50, 0x4b, 3, 4 }, "not an IDX file")]
    [InlineData(new byte[] { 0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0x80, 0x3f }, "element type 0x0d")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1, 2 }, "need 3 bytes of data, the file has 2")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff }, "negative IDX dimension")]
    public void MalformedFilesAreRefusedNamingTheFile(byte[] bytes, string reason)
    {
        using var folder = new TempFolder();
        var path = folder.Write("bad-idx1-ubyte", bytes);
        var e = Assert.Throws<InvalidDataException>(() => Idx.LoadLabels(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains(reason, e.Message);
    }

    [DataFact("mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz")]
    public void MnistTestSetHas10000DigitsOf28By28WithTheKnownClassCounts()
    {
        var images = Idx.LoadImages(DataFiles.Get("mnist/t10k-images-idx3-ubyte.gz"));
        var labels = Idx.LoadLabels(DataFiles.Get("mnist/t10k-labels-idx1-ubyte.gz"));

        Assert.Equal((10000, 28, 28), (images.Count, images.Rows, images.Columns));
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], Counts(labels));
        Assert.Equal(0, images.Pixels[0]);
        Assert.Equal(255, images.Pixels.Max());
    }

    [DataFact("mnist/train-labels-idx1-ubyte.gz")]
    public void MnistTrainLabelsHaveTheKnownClassCounts()
    {
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], Counts(Idx.LoadLabels(DataFiles.Get("mnist/train-labels-idx1-ubyte.gz"))));
    }

    private static int[] Counts(byte[] labels) => Enumerable.Range(0, 10).Select(d => labels.Count(l => l == d)).ToArray();
}
