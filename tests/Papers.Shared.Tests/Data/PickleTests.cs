using Papers.Testing;
using System.Numerics;
using System.Text;
using Papers.Shared.Data;

namespace Papers.Shared.Tests.Data;

public class PickleTests
{
    // [[0, 1.5, 0], [2, 0, -3]] as scipy's CSR: indptr [0, 1, 3], indices [1, 0, 2], data [1.5, 2, -3].
    private static readonly int[] s_indptr = [0, 1, 3];
    private static readonly int[] s_indices = [1, 0, 2];
    private static readonly float[] s_values = [1.5f, 2f, -3f];

    /// <summary>A csr_matrix pickled by Python 2 as Planetoid's ind.*.x files are (see the data README, §1).</summary>
    private static byte[] CsrPickle(int[] indices) =>
        new PickleBytes().Proto(2)
            .Global("scipy.sparse.csr", "csr_matrix").BinPut(1).EmptyTuple().NewObj().BinPut(2)
            .EmptyDict().BinPut(3).Mark()
            .ShortBinString("format").ShortBinString("csr")
            .ShortBinString("_shape").BinInt1(2).BinInt1(3).Tuple2()
            .ShortBinString("indptr").NdArray("i4", [3], PickleBytes.Bytes(s_indptr), 10)
            .ShortBinString("_cs_matrix__has_sorted_indices").NewTrue()
            .ShortBinString("indices").NdArray("i4", [3], PickleBytes.Bytes(indices), 20)
            .ShortBinString("data").NdArray("f4", [3], PickleBytes.Bytes(s_values), 30)
            .ShortBinString("maxprint").BinInt1(50)
            .SetItems().Build().Stop();

    [Fact]
    public void CsrMatrixPickledByPython2ReadsAsShapeIndptrIndicesAndData()
    {
        var csr = Pickle.ToCsr(Pickle.Read(CsrPickle(s_indices), "x.pkl"), "x.pkl");

        Assert.Equal((2, 3), (csr.Rows, csr.Columns));
        Assert.Equal(s_indptr, csr.IndPtr);
        Assert.Equal(s_indices, csr.Indices);
        Assert.Equal(s_values, csr.Data);
        Assert.Equal([0f, 1.5f, 0f, 2f, 0f, -3f], csr.ToDense());
    }

    [Fact]
    public void CsrMatrixWithAColumnOutsideItsShapeIsRefused()
    {
        var e = Assert.Throws<InvalidDataException>(() => Pickle.ToCsr(Pickle.Read(CsrPickle([1, 0, 3]), "bad.x"), "bad.x"));
        Assert.Contains("bad.x", e.Message);
        Assert.Contains("column index 3", e.Message);
    }

    [Fact]
    public void OneHotInt32NdArrayKeepsItsShapeAndCOrder()
    {
        int[] oneHot = [0, 1, 0, 0, 0, 1];
        var array = Pickle.ToNdArray(Pickle.Read(new PickleBytes().Proto(2).NdArray("i4", [2, 3], PickleBytes.Bytes(oneHot), 1).Stop(), "y"), "y");

        Assert.Equal("int32", array.DType);
        Assert.Equal([2L, 3L], array.Shape);
        Assert.Equal(oneHot, array.As<int>());
        Assert.Throws<InvalidCastException>(() => array.As<float>());
    }

    [Fact]
    public void DefaultdictOfListsReadsAsAdjacencyLists()
    {
        // defaultdict(list, {0: [1, 2], 1: [0], 300: []}) as Planetoid's ind.*.graph pickles it.
        var bytes = new PickleBytes().Proto(2)
            .Global("collections", "defaultdict").BinPut(0).Global("__builtin__", "list").BinPut(1).Tuple1().Reduce().BinPut(2)
            .Mark()
            .BinInt1(0).EmptyList().BinPut(3).Mark().BinInt1(1).BinInt1(2).Appends()
            .BinInt1(1).EmptyList().BinPut(4).BinInt1(0).Append()
            .BinInt2(300).EmptyList().BinPut(5)
            .SetItems().Stop();

        var graph = Pickle.ToGraph(Pickle.Read(bytes, "graph"), "graph");

        Assert.Equal([0L, 1L, 300L], graph.Keys.Order());
        Assert.Equal([1L, 2L], graph[0]);
        Assert.Equal([0L], graph[1]);
        Assert.Empty(graph[300]);
    }

    [Fact]
    public void Protocol0DictOfStrReadsAsVocabularyWithPython2Escapes()
    {
        // pickle.dumps({'limited': 1481, "it's": 7, 'caf\xe9': 2}, 0) under Python 2.
        var text = "(dp1\nS'limited'\np2\nI1481\nsS\"it's\"\np3\nI7\nsS'caf\\xe9'\np4\nI2\ns.";

        var vocabulary = Pickle.ToVocabulary(Pickle.Read(Encoding.Latin1.GetBytes(text), "vocab.pkl"), "vocab.pkl");

        Assert.Equal(new Dictionary<string, long> { ["limited"] = 1481, ["it's"] = 7, ["café"] = 2 }, vocabulary);
    }

    [Fact]
    public void Protocol0ScalarsDecodeAsPythonDoes()
    {
        // (True, 12345678901234567890L, 0.25, 'a\x41\n\'\101\q', u'caf\u00e9 \U0001d53c') in protocol 0.
        var text = "(I01\nL12345678901234567890L\nF0.25\nS'a\\x41\\n\\'\\101\\q'\nVcaf\\u00e9 \\U0001d53c\ntp0\n.";

        var tuple = Assert.IsType<object?[]>(Pickle.Read(Encoding.Latin1.GetBytes(text), "scalars"));

        Assert.Equal(true, tuple[0]);
        Assert.Equal(BigInteger.Parse("12345678901234567890"), tuple[1]);
        Assert.Equal(0.25, tuple[2]);
        Assert.Equal("aA\n'A\\q"u8.ToArray(), Assert.IsType<PyBytes>(tuple[3]).Value);
        Assert.Equal("café 𝔼", tuple[4]);
    }

    [Fact]
    public void BinaryIntegersAndFloatsCoverSignsAndWidths()
    {
        var bytes = new PickleBytes().Proto(2).Mark()
            .BinInt(-2).BinInt2(65535)
            .Raw(0x8a, 2, 0xff, 0x7f) // LONG1 32767
            .Raw(0x8a, 2, 0x00, 0x80) // LONG1 -32768
            .Raw(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1) // LONG1 2⁶⁴
            .Raw(0x8b).Raw(PickleBytes.Le32(1)).Raw(0xff) // LONG4 -1
            .Op('G').Raw(0x3f, 0xf8, 0, 0, 0, 0, 0, 0) // BINFLOAT 1.5, big-endian
            .NewFalse().None()
            .Tuple().Stop();

        Assert.Equal(new object?[] { -2L, 65535L, 32767L, -32768L, BigInteger.One << 64, -1L, 1.5, false, null },
                     Pickle.Read(bytes, "numbers"));
    }

    [Fact]
    public void Protocol3ListOfTuplesReadsAsListsTuplesAndStrings()
    {
        // [([3, 1], 2, [3], 1, 1)] and ['<UNK>', 'W0'], as the hyperbolic PREFIX files hold them (README §6).
        var bytes = new PickleBytes().Proto(3).EmptyList().BinPut(0)
            .Mark().Mark().EmptyList().BinPut(1).Mark().BinInt1(3).BinInt1(1).Appends().BinInt1(2)
            .EmptyList().BinPut(2).BinInt1(3).Append().BinInt1(1).BinInt1(1).Tuple().BinPut(3)
            .EmptyList().BinPut(4).Mark().BinUnicode("<UNK>").BinUnicode("W0").Appends()
            .Appends().Stop();

        var list = Assert.IsType<List<object?>>(Pickle.Read(bytes, "dev"));

        var pair = Assert.IsType<object?[]>(list[0]);
        Assert.Equal(new List<object?> { 3L, 1L }, pair[0]);
        Assert.Equal(new object?[] { 2L, new List<object?> { 3L }, 1L, 1L }, pair[1..]);
        Assert.Equal(new List<object?> { "<UNK>", "W0" }, list[1]);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 2, (byte)'i', (byte)'o', (byte)'s', 10 }, "INST")]
    [InlineData(new byte[] { 0x80, 4, 0x95, 0, 0, 0, 0, 0, 0, 0, 0 }, "protocol 4")]
    [InlineData(new byte[] { 0x80, 2, (byte)'c', (byte)'o', (byte)'s', 10, (byte)'s', (byte)'y', (byte)'s', (byte)'t', (byte)'e', (byte)'m', 10 }, "os.system")]
    [InlineData(new byte[] { 0x80, 2, (byte)']' }, "no STOP")]
    [InlineData(new byte[] { 0x80, 2, (byte)'h', 7, (byte)'.' }, "memo key 7")]
    public void UnsupportedOrBrokenPicklesAreRefusedByName(byte[] bytes, string named)
    {
        var e = Assert.Throws<InvalidDataException>(() => Pickle.Read(bytes, "broken.pkl"));
        Assert.Contains("broken.pkl", e.Message);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void TypedAccessorsNameWhatTheyFoundInstead()
    {
        var list = Pickle.Read(new PickleBytes().Proto(2).EmptyList().Stop(), "list.pkl");
        Assert.Contains("a list of 0", Assert.Throws<InvalidDataException>(() => Pickle.ToCsr(list, "list.pkl")).Message);
        Assert.Contains("a list of 0", Assert.Throws<InvalidDataException>(() => Pickle.ToGraph(list, "list.pkl")).Message);
    }
}
