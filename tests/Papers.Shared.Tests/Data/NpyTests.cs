using Papers.Testing;
using System.Buffers.Binary;
using System.Text;
using Papers.Shared.Data;
using static Papers.Torch.torch;

namespace Papers.Shared.Tests.Data;

public class NpyTests
{
    /// <summary>
    /// A .npy file as numpy.lib.format writes it: magic, version, header length (2 bytes in v1, 4 in v2), the
    /// header dict padded with spaces and a newline to a multiple of 64 bytes, then the data.
    /// </summary>
    private static byte[] NpyFile(string descr, string shape, byte[] data, bool fortran = false, int major = 1)
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        var prefix = major == 1 ? 10 : 12;
        var header = dict.PadRight((prefix + dict.Length + 1 + 63) / 64 * 64 - prefix - 1) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.AddRange([(byte)major, 0]);
        var length = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)header.Length);
        bytes.AddRange(length);
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    [Fact]
    public void Version1Float32MatrixReadsInCOrder()
    {
        float[] values = [1, 2, 3, -4, 5.5f, 6];
        var array = Npy.Read(NpyFile("<f4", "(2, 3)", PickleBytes.Bytes(values)), "m.npy");

        Assert.Equal("float32", array.DType);
        Assert.Equal([2L, 3L], array.Shape);
        Assert.Equal(values, array.As<float>());
        using var t = array.ToTensor();
        Assert.Equal([2L, 3L], t.shape);
        Assert.Equal(values, t.data<float>());
    }

    [Fact]
    public void Version2HeaderWithInt64VectorReads()
    {
        long[] values = [-1, 1L << 40, 7];
        var array = Npy.Read(NpyFile("<i8", "(3,)", PickleBytes.Bytes(values), major: 2), "v.npy");
        Assert.Equal("int64", array.DType);
        Assert.Equal([3L], array.Shape);
        Assert.Equal(values, array.As<long>());
    }

    [Theory]
    [InlineData("<f8", typeof(double))]
    [InlineData("<i4", typeof(int))]
    [InlineData("|u1", typeof(byte))]
    [InlineData("|b1", typeof(bool))]
    public void EachSupportedDtypeGivesTheMatchingArray(string descr, Type element)
    {
        var size = int.Parse(descr[2..]);
        var array = Npy.Read(NpyFile(descr, "(2,)", [.. new byte[size - 1], 1, .. new byte[size]]), "t.npy");
        Assert.Equal(element, array.Data.GetType().GetElementType());
        Assert.Equal(2, array.Data.Length);
    }

    [Fact]
    public void BoolAndUint8KeepTheirValues()
    {
        Assert.Equal([true, false, true], Npy.Read(NpyFile("|b1", "(3,)", [1, 0, 1]), "b.npy").As<bool>());
        Assert.Equal([0, 128, 255], Npy.Read(NpyFile("|u1", "(3,)", [0, 128, 255]), "u.npy").As<byte>());
    }

    [Fact]
    public void FortranOrderIsReorderedToCOrder()
    {
        // Element (i, j, k) of a (2, 3, 4) array holds 100i + 10j + k; column-major puts it at i + 2j + 6k.
        var columnMajor = new double[24];
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 3; j++)
                for (var k = 0; k < 4; k++)
                    columnMajor[i + 2 * j + 6 * k] = 100 * i + 10 * j + k;

        var array = Npy.Read(NpyFile("<f8", "(2, 3, 4)", PickleBytes.Bytes(columnMajor), fortran: true), "f.npy");

        var expected = from i in Enumerable.Range(0, 2) from j in Enumerable.Range(0, 3) from k in Enumerable.Range(0, 4)
                       select 100.0 * i + 10 * j + k;
        Assert.Equal(expected, array.As<double>());
    }

    [Theory]
    [InlineData(">f4", "(1,)", 4, "big-endian")]
    [InlineData("<c8", "(1,)", 8, "unsupported dtype '<c8'")]
    [InlineData("<f4", "(2,)", 4, "4 data bytes for shape [2] of float32, expected 8")]
    public void UnreadableContentIsRefusedNamingTheFile(string descr, string shape, int dataBytes, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => Npy.Read(NpyFile(descr, shape, new byte[dataBytes]), "bad.npy"));
        Assert.StartsWith("bad.npy: ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void FileWithoutTheMagicIsNotNpy()
    {
        var e = Assert.Throws<InvalidDataException>(() => Npy.Read("PK\x03\x04 not numpy"u8.ToArray(), "data.zip"));
        Assert.Equal("data.zip: not a .npy file (no \\x93NUMPY magic)", e.Message);
    }

    [Fact]
    public void ObjectArrayIsReadThroughItsPickle()
    {
        // np.save(f, np.array([None, 5], dtype=object)): the body is a pickled object ndarray whose data is a list.
        var pickle = new PickleBytes().Proto(2)
            .Global("numpy.core.multiarray", "_reconstruct").BinPut(1).Global("numpy", "ndarray").BinPut(2)
            .BinInt1(0).Tuple1().ShortBinString("b").Tuple3().Reduce().BinPut(3)
            .Mark().BinInt1(1).BinInt1(2).Tuple1()
            .Global("numpy", "dtype").BinPut(4).ShortBinString("O8").BinInt1(0).BinInt1(1).Tuple3().Reduce().BinPut(5)
            .Mark().BinInt1(3).ShortBinString("|").None().None().None().BinInt(-1).BinInt(-1).BinInt1(63).Tuple().Build()
            .NewFalse().EmptyList().BinPut(6).Mark().None().BinInt1(5).Appends().Tuple().Build().Stop();

        var array = Npy.Read(NpyFile("|O", "(2,)", pickle), "o.npy");

        Assert.Equal("object", array.DType);
        Assert.Equal([2L], array.Shape);
        Assert.Equal([null, 5L], array.As<object?>());
        Assert.Throws<InvalidOperationException>(() => array.ToTensor());
    }

    [DataFact("20news_prodlda/akashgit/valid.txt.npy")]
    public void ProdLdaValidNpyHolds100DocumentsOfIdsOrNoneAndTwoEmptyArrays()
    {
        var documents = Npy.Load(DataFiles.Get("20news_prodlda/akashgit/valid.txt.npy")).As<object?>();

        Assert.Equal(102, documents.Length);
        foreach (var document in documents[..100])
        {
            var words = Assert.IsType<NdArray>(document);
            Assert.Equal("object", words.DType);
            Assert.All(words.As<object?>(), w => Assert.True(w is null or long, $"word id {w}"));
        }
        Assert.All(documents[100..], d => Assert.Equal(("float64", 0L), (((NdArray)d!).DType, ((NdArray)d!).Count)));
    }
}
