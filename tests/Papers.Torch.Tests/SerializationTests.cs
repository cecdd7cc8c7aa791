using System.Buffers.Binary;
using System.Text;

namespace Papers.Torch.Tests;

/// <summary>
/// torch.save / torch.load against the safetensors spec, with byte-level fixtures: an 8-byte little-endian
/// header length N, N bytes of JSON {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}},
/// then the raw little-endian C-order data, offsets counted from the start of the data section.
/// </summary>
public sealed class SerializationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory();

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    private static byte[] File(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    [Fact]
    public void HandAssembledFileReadsAsTheSpecDescribes()
    {
        // "b" (int64 7) comes first in the data and last in the JSON: offsets, not key order, place the data.
        // The header is not padded: the spec does not require it of readers.
        var path = PathOf("hand.safetensors");
        System.IO.File.WriteAllBytes(path, File(
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"__metadata__":{"k":"v"},"b":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}""",
            [0x07, 0, 0, 0, 0, 0, 0, 0,          // b = 7
             0x00, 0x00, 0xC0, 0x3F,             // a[0] = 1.5f (0x3FC00000)
             0x00, 0x00, 0x00, 0xC0]));          // a[1] = −2f  (0xC0000000)
        var tensors = load(path, out var metadata);
        Assert.Equal(new float[] { 1.5f, -2f }, tensors["a"].data<float>());
        Assert.Equal(new long[] { 2 }, tensors["a"].shape);
        Assert.Equal(7L, tensors["b"].item<long>());
        Assert.Empty(tensors["b"].shape);
        Assert.Equal("v", Assert.Single(metadata).Value);
        Assert.Equal("v", load_metadata(path)["k"]);
    }

    [Fact]
    public void WrittenFileHasTheReferenceHeaderAndDataBytes()
    {
        // Tensors sorted by dtype (I64, F32, F16: largest first, as the reference sorts), then by name;
        // compact JSON, "__metadata__" first, padded with 6 spaces to 200 = 0xC8 bytes.
        var path = PathOf("written.safetensors");
        save(new Dictionary<string, Tensor>
        {
            ["w"] = tensor(new float[] { 1, 2 }),
            ["h"] = tensor(new float[] { 1 }).to(float16),
            ["i"] = tensor(new long[] { 3 }),
        }, path, new Dictionary<string, string> { ["format"] = "pt" });
        var header = """{"__metadata__":{"format":"pt"},"i":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"h":{"dtype":"F16","shape":[1],"data_offsets":[16,18]}}""" + "      ";
        byte[] data =
        [
            0x03, 0, 0, 0, 0, 0, 0, 0,   // i = 3
            0x00, 0x00, 0x80, 0x3F,      // w[0] = 1f (0x3F800000)
            0x00, 0x00, 0x00, 0x40,      // w[1] = 2f (0x40000000)
            0x00, 0x3C,                  // h = 1 in float16 (0x3C00)
        ];
        var bytes = System.IO.File.ReadAllBytes(path);
        Assert.Equal(0xC8UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal(header, Encoding.UTF8.GetString(bytes, 8, 200));
        Assert.Equal(File(header, data), bytes);
    }

    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Int32)]
    [InlineData(ScalarType.Int16)]
    [InlineData(ScalarType.Int8)]
    [InlineData(ScalarType.Byte)]
    [InlineData(ScalarType.Bool)]
    public void EveryDtypeRoundTrips(ScalarType dtype)
    {
        // Values exact in every dtype: −1.5 .. 1 by 0.5 for floats, 0 .. 5 for integers, alternating for bool.
        using var values = dtype.IsFloatingPoint()
            ? (arange(6, float64) * 0.5 - 1.5).to(dtype).reshape(2, 3)
            : dtype == ScalarType.Bool ? arange(6).remainder(2).to(dtype).reshape(2, 3) : arange(6).to(dtype).reshape(2, 3);
        var path = PathOf($"{dtype}.safetensors");
        save(new Dictionary<string, Tensor> { ["x"] = values }, path);
        using var loaded = load(path)["x"];
        Assert.Equal(dtype, loaded.dtype);
        Assert.Equal(new long[] { 2, 3 }, loaded.shape);
        Assert.True(values.equal(loaded));
    }

    [Fact]
    public void ZeroDimensionalAndEmptyTensorsRoundTrip()
    {
        var path = PathOf("shapes.safetensors");
        save(new Dictionary<string, Tensor>
        {
            ["scalar"] = tensor(3.25),
            ["empty"] = zeros([0]),
            ["hollow"] = zeros([2, 0, 3], int64),
        }, path);
        var loaded = load(path);
        Assert.Empty(loaded["scalar"].shape);
        Assert.Equal(3.25f, loaded["scalar"].item<float>());
        Assert.Equal(new long[] { 0 }, loaded["empty"].shape);
        Assert.Equal(new long[] { 2, 0, 3 }, loaded["hollow"].shape);
        Assert.Equal(int64, loaded["hollow"].dtype);
    }

    [Fact]
    public void NonContiguousTensorIsWrittenInCOrderOfItsShape()
    {
        // [[1, 2], [3, 4]]ᵀ = [[1, 3], [2, 4]]: the data section holds 1, 3, 2, 4.
        var path = PathOf("transposed.safetensors");
        using var transposed = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]).t();
        save(new Dictionary<string, Tensor> { ["t"] = transposed }, path);
        var bytes = System.IO.File.ReadAllBytes(path);
        var data = bytes[^16..];
        float[] read = [.. Enumerable.Range(0, 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(4 * i)))];
        Assert.Equal(new float[] { 1, 3, 2, 4 }, read);
        Assert.True(transposed.equal(load(path)["t"]));
    }

    [Fact]
    public void SavingReplacesTheFileAndLeavesNoTemporaryFiles()
    {
        var path = PathOf("model.safetensors");
        save(new Dictionary<string, Tensor> { ["x"] = ones([3]) }, path);
        save(new Dictionary<string, Tensor> { ["y"] = zeros([2]) }, path, new Dictionary<string, string> { ["epoch"] = "2" });
        Assert.Equal(["y"], load(path).Keys);
        Assert.Equal("2", load_metadata(path)["epoch"]);
        Assert.Equal([path], Directory.GetFiles(_folder.FullName));
    }

    [Fact]
    public void WhatTheFormatCannotHoldIsRejectedBeforeWriting()
    {
        var path = PathOf("rejected.safetensors");
        Assert.Throws<DirectoryNotFoundException>(() => save(new Dictionary<string, Tensor> { ["x"] = ones([1]) }, PathOf("missing/x.safetensors")));
        Assert.Contains("__metadata__", Assert.Throws<ArgumentException>(() => save(new Dictionary<string, Tensor> { ["__metadata__"] = ones([1]) }, path)).Message);
        using var sparse = sparse_coo_tensor(tensor(new long[] { 0 }, [1, 1]), ones([1]), [3]);
        Assert.Contains("sparse", Assert.Throws<ArgumentException>(() => save(new Dictionary<string, Tensor> { ["s"] = sparse }, path)).Message);
        Assert.Empty(Directory.GetFiles(_folder.FullName));
    }

    [Theory]
    [InlineData("", 0, "too short")]
    [InlineData("[1]", 0, "does not start with '{'")]
    [InlineData("""{"a":""", 0, "not valid JSON")]
    [InlineData("""{"a":{"dtype":"U16","shape":[1],"data_offsets":[0,2]}}""", 2, "dtype U16")]
    [InlineData("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "needs 12 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "non-negative integers")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}""", 8, "begin <= end")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1]}}""", 4, "no data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12, "gap after byte 4")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "inside the tensor before it")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 4, "the file holds only 4")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 8, "account for only 4")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "appears twice")]
    [InlineData("""{"__metadata__":{"epoch":1}}""", 0, "metadata 'epoch' is not a string")]
    public void CorruptHeaderFailsNamingTheFileAndTheFault(string header, int dataBytes, string fault)
    {
        var path = PathOf("corrupt.safetensors");
        System.IO.File.WriteAllBytes(path, header.Length == 0 ? [1, 2, 3] : File(header, new byte[dataBytes]));
        var e = Assert.Throws<InvalidDataException>(() => load(path));
        Assert.StartsWith($"{path} is not a valid safetensors file", e.Message);
        Assert.Contains(fault, e.Message);
    }

    [Fact]
    public void HeaderLengthPastTheEndOfTheFileIsReported()
    {
        var path = PathOf("truncated.safetensors");
        var bytes = File("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[4]);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);
        System.IO.File.WriteAllBytes(path, bytes);
        Assert.Contains("header length 1000 runs past the end of the file", Assert.Throws<InvalidDataException>(() => load(path)).Message);
    }
}
