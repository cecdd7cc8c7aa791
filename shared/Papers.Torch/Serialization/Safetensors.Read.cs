using System.Buffers.Binary;
using System.Text.Json;

namespace Papers.Torch;

internal static partial class Safetensors
{
    // The reference implementation refuses a header over 100 MB (MAX_HEADER_SIZE) before reading it.
    private const ulong MaxHeaderBytes = 100_000_000;

    internal sealed record TensorInfo(string Name, ScalarType Dtype, long[] Shape, long Begin, long End);

    /// <summary>A validated header: its length in bytes, the tensors in data order, and the metadata.</summary>
    internal sealed record FileHeader(long Length, List<TensorInfo> Tensors, Dictionary<string, string> Metadata);

    internal static Dictionary<string, torch.Tensor> Read(string path, out Dictionary<string, string> metadata)
    {
        RequireLittleEndian();
        using var stream = Open(path);
        var header = ReadHeader(stream, path);
        var result = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var info in header.Tensors)
            {
                var tensor = torch.empty(info.Shape, info.Dtype);
                result[info.Name] = tensor;
                stream.Position = 8 + header.Length + info.Begin;
                ReadData(stream, tensor, info.End - info.Begin);
            }
        }
        catch
        {
            foreach (var tensor in result.Values) tensor.Dispose();
            throw;
        }
        metadata = header.Metadata;
        return result;
    }

    private static unsafe void ReadData(Stream stream, torch.Tensor tensor, long bytes)
    {
        if (bytes == 0) return;
        var target = (byte*)Native.pt_data_ptr(tensor.Handle);
        for (long done = 0; done < bytes;)
        {
            var chunk = (int)Math.Min(bytes - done, 1 << 30);
            stream.ReadExactly(new Span<byte>(target + done, chunk));
            done += chunk;
        }
        GC.KeepAlive(tensor);
    }

    /// <summary>Reads and checks the header as the reference implementation's validate() does: known dtypes,
    /// sizes that match shape × dtype, and offsets that tile the data section exactly, without gaps or overlaps.</summary>
    internal static FileHeader ReadHeader(FileStream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < 8) throw Corrupt(path, $"it is {fileLength} bytes long, too short to hold the 8-byte header length");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (length > MaxHeaderBytes) throw Corrupt(path, $"the header length {length} exceeds the format's limit of {MaxHeaderBytes} bytes");
        if ((long)length > fileLength - 8) throw Corrupt(path, $"the header length {length} runs past the end of the file ({fileLength} bytes)");
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        if (length == 0 || bytes[0] != (byte)'{') throw Corrupt(path, "the header does not start with '{'");

        var tensors = new List<TensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name)) throw Corrupt(path, $"'{property.Name}' appears twice in the header");
                if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, path);
                else tensors.Add(ReadInfo(property.Name, property.Value, path));
            }
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"the header is not valid JSON ({e.Message})");
        }

        var dataLength = fileLength - 8 - (long)length;
        tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        foreach (var info in tensors)
        {
            if (info.Begin > expected) throw Corrupt(path, $"tensor '{info.Name}' starts at byte {info.Begin} of the data section, leaving a gap after byte {expected}");
            if (info.Begin < expected) throw Corrupt(path, $"tensor '{info.Name}' starts at byte {info.Begin} of the data section, inside the tensor before it, which ends at byte {expected}");
            expected = info.End;
        }
        if (expected > dataLength) throw Corrupt(path, $"the tensors need {expected} bytes of data, the file holds only {dataLength}");
        if (expected < dataLength) throw Corrupt(path, $"the file holds {dataLength} bytes of data, the tensors account for only {expected}");
        return new FileHeader((long)length, tensors, metadata);
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Corrupt(path, $"{MetadataKey} is not an object of strings");
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String) throw Corrupt(path, $"metadata '{entry.Name}' is not a string");
            metadata[entry.Name] = entry.Value.GetString()!;
        }
    }

    private static TensorInfo ReadInfo(string name, JsonElement info, string path)
    {
        if (info.ValueKind != JsonValueKind.Object) throw Corrupt(path, $"tensor '{name}' is not described by an object");
        if (!info.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Corrupt(path, $"tensor '{name}' has no dtype");
        var dtypeName = dtypeElement.GetString();
        var rank = Array.FindIndex(Dtypes, d => d.Name == dtypeName);
        if (rank < 0)
            throw Corrupt(path, $"tensor '{name}' has dtype {dtypeName}, which libtorch cannot hold (it holds {string.Join(", ", Dtypes.Select(d => d.Name))})");
        var dtype = Dtypes[rank].Type;
        var shape = Integers(info, "shape", name, path);
        var offsets = Integers(info, "data_offsets", name, path);
        if (offsets.Length != 2 || offsets[0] > offsets[1])
            throw Corrupt(path, $"tensor '{name}' has data_offsets [{string.Join(", ", offsets)}], not [begin, end] with begin <= end");
        long needed;
        try
        {
            needed = shape.Aggregate(1L, (product, size) => checked(product * size)) * dtype.ElementSize();
        }
        catch (OverflowException)
        {
            throw Corrupt(path, $"tensor '{name}' has shape [{string.Join(", ", shape)}], too large to address");
        }
        if (needed != offsets[1] - offsets[0])
            throw Corrupt(path, $"tensor '{name}' of dtype {dtypeName} and shape [{string.Join(", ", shape)}] needs {needed} bytes, but its data_offsets [{offsets[0]}, {offsets[1]}] span {offsets[1] - offsets[0]}");
        return new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] Integers(JsonElement info, string field, string name, string path)
    {
        if (!info.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Corrupt(path, $"tensor '{name}' has no {field} array");
        var result = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
                throw Corrupt(path, $"tensor '{name}' has {field} {array.GetRawText()}: its entries must be non-negative integers");
            result.Add(value);
        }
        return result.ToArray();
    }

    private static InvalidDataException Corrupt(string path, string reason) => new($"{path} is not a valid safetensors file: {reason}");
}
