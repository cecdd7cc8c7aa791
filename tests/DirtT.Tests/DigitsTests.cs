using Papers.Shared.Data;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT.Tests;

public class DigitsTests
{
    [DataFact("mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz")]
    public void MnistTestSetIs32By32ThreeChannelsInMinusOneToOne()
    {
        using var test = Domains.MnistSplit("t10k");
        Assert.Equal(10_000, test.Count);
        using var scope = NewDisposeScope();
        var batch = test.Batch(arange(0, 50, dtype: ScalarType.Int64));
        Assert.Equal(new long[] { 50, 3, 32, 32 }, batch.shape);
        Assert.Equal(-1.0, batch.min().ToDouble());
        Assert.True(batch.max().ToDouble() is > 0.99 and <= 1.0);
        AssertClose.Equal(batch.select(1, 0).data<float>(), batch.select(1, 2).data<float>(), 0);   // grey replicated
        Assert.Equal(7, test.Labels[0].ToInt64());                                 // the first test digit is a 7
    }

    [DataFact("mnist/t10k-images-idx3-ubyte.gz", "bsds500/train/100075.jpg", "bsds500/train/100080.jpg")]
    public void MnistMFromRealDigitsIsDeterministicPerSeedAndEachIsABlendOfACrop()
    {
        var digits = Idx.LoadImages(DataFiles.Get("mnist/t10k-images-idx3-ubyte.gz"));
        var first = new IdxImages(20, 28, 28, digits.Pixels.AsSpan(0, 20 * 28 * 28).ToArray());
        var backgrounds = new[] { "bsds500/train/100075.jpg", "bsds500/train/100080.jpg" }.Select(f => Jpeg.Load(DataFiles.Get(f))).ToList();
        var a = MnistM.Blend(first, backgrounds, 9);
        Assert.Equal(a, MnistM.Blend(first, backgrounds, 9));
        Assert.NotEqual(a, MnistM.Blend(first, backgrounds, 10));
        // Each output is |crop − digit| for some 28×28 crop of one of the backgrounds: find it by search.
        for (var n = 0; n < 5; n++)
        {
            bool Matches(Image b, int top, int left)
            {
                for (var y = 0; y < 28; y++)
                    for (var x = 0; x < 28; x++)
                        for (var c = 0; c < 3; c++)
                            if (a[n * MnistMImages.Bytes + (y * 28 + x) * 3 + c] != Math.Abs(b[top + y, left + x, c] - first.Pixels[(n * 28 + y) * 28 + x])) return false;
                return true;
            }
            var found = backgrounds.Any(b => Enumerable.Range(0, b.Height - 28).Any(top => Enumerable.Range(0, b.Width - 28).Any(left => Matches(b, top, left))));
            Assert.True(found, $"image {n} is no blend of a crop of either background");
        }
    }
}

public class SvhnTests
{
    /// <summary>A two-image SVHN file in the real layout: X uint8 [32, 32, 3, 2] column-major, y double [2, 1] with 10 for 0.</summary>
    [Fact]
    public void SvhnReadsAsImagesFirstWithTenAsZero()
    {
        var x = new byte[32 * 32 * 3 * 2];
        for (var i = 0; i < x.Length; i++) x[i] = (byte)(i % 251);                 // column-major: row fastest, then column, channel, image
        var y = BitConverter.GetBytes(10.0).Concat(BitConverter.GetBytes(3.0)).ToArray();
        var file = new MatBytes()
            .Variable("X", MatBytes.MxUInt8, [32, 32, 3, 2], MatBytes.MiUInt8, x, compressed: true)
            .Variable("y", MatBytes.MxDouble, [2, 1], MatBytes.MiDouble, y)
            .ToArray();
        using var svhn = Domains.SvhnSplit(Mat5.Read(file, "svhn.mat"));
        Assert.Equal(2, svhn.Count);
        Assert.Equal(new long[] { 0, 3 }, svhn.Labels.data<long>());
        using var rows = arange(0, 2, dtype: ScalarType.Int64);
        using var batch = svhn.Batch(rows);                                        // [2, 3, 32, 32]
        // Image 1, channel 2, row 5, column 7 sits at column-major offset 5 + 32·7 + 1024·2 + 3072·1.
        var expected = (5 + 32 * 7 + 1024 * 2 + 3072) % 251 / 255.0 * 2 - 1;
        AssertClose.Equal(expected, batch[1, 2, 5, 7].ToDouble(), 1e-6);
    }
}
