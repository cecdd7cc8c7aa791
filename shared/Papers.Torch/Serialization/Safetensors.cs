using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Papers.Torch;

/// <summary>
/// The safetensors format (github.com/huggingface/safetensors): an 8-byte little-endian header length N,
/// N bytes of UTF-8 JSON mapping each tensor's name to {"dtype", "shape", "data_offsets": [begin, end]}
/// (offsets relative to the data section) plus an optional "__metadata__" map of strings, then the data.
/// </summary>
internal static partial class Safetensors
{
    internal const string MetadataKey = "__metadata__";

    // The format's dtype names for the dtypes libtorch 1.13 has. The order is the reference implementation's
    // Dtype enum order, by which it sorts tensors (largest first) so each one's data starts aligned.
    private static readonly (string Name, ScalarType Type)[] Dtypes =
    [
        ("BOOL", ScalarType.Bool), ("U8", ScalarType.Byte), ("I8", ScalarType.Int8), ("I16", ScalarType.Int16),
        ("F16", ScalarType.Float16), ("BF16", ScalarType.BFloat16), ("I32", ScalarType.Int32),
        ("F32", ScalarType.Float32), ("F64", ScalarType.Float64), ("I64", ScalarType.Int64),
    ];

    private static int Rank(ScalarType type) => Array.FindIndex(Dtypes, d => d.Type == type);

    private static string DtypeName(ScalarType type) => Rank(type) is var rank and >= 0
        ? Dtypes[rank].Name
        : throw new ArgumentException($"safetensors has no dtype for {type}");

    private sealed record Entry(string Name, torch.Tensor Tensor, long Begin, long End);

    internal static void Write(IReadOnlyDictionary<string, torch.Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireLittleEndian();
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"cannot save {path}: the folder {folder} does not exist");

        using var scope = torch.NewDisposeScope();
        var entries = new List<Entry>();
        long offset = 0;
        foreach (var (name, tensor) in tensors
                     .OrderByDescending(kv => Rank(kv.Value.dtype))
                     .ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (tensor is null) throw new ArgumentException($"tensor '{name}' is null");
            if (name == MetadataKey) throw new ArgumentException($"a tensor cannot be named {MetadataKey}: the format reserves the name");
            if (tensor.is_sparse) throw new ArgumentException($"tensor '{name}' is sparse: safetensors holds dense tensors, save its to_dense() or its indices() and values()");
            DtypeName(tensor.dtype);
            var dense = tensor.detach().cpu().contiguous();
            var bytes = dense.numel() * dense.dtype.ElementSize();
            entries.Add(new Entry(name, dense, offset, offset + bytes));
            offset += bytes;
        }
        var header = Header(entries, metadata);

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                stream.Write(length);
                stream.Write(header);
                foreach (var entry in entries) WriteData(stream, entry.Tensor, entry.End - entry.Begin);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    // Compact JSON as serde_json writes it, "__metadata__" first, padded with spaces to a multiple of 8 bytes
    // as the reference implementation pads it, so the data section starts 8-byte aligned.
    private static byte[] Header(List<Entry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is not null)
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    json.WriteString(key, value ?? throw new ArgumentException($"metadata '{key}' is null: metadata values are strings"));
                json.WriteEndObject();
            }
            foreach (var entry in entries)
            {
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", DtypeName(entry.Tensor.dtype));
                json.WriteStartArray("shape");
                foreach (var size in entry.Tensor.shape) json.WriteNumberValue(size);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(entry.Begin);
                json.WriteNumberValue(entry.End);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        var padding = (int)((8 - buffer.Length % 8) % 8);
        for (var i = 0; i < padding; i++) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    private static unsafe void WriteData(Stream stream, torch.Tensor dense, long bytes)
    {
        if (bytes == 0) return;
        var source = (byte*)Native.pt_data_ptr(dense.Handle);
        for (long done = 0; done < bytes;)
        {
            var chunk = (int)Math.Min(bytes - done, 1 << 30);
            stream.Write(new ReadOnlySpan<byte>(source + done, chunk));
            done += chunk;
        }
        GC.KeepAlive(dense);
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian; this machine is big-endian");
    }

    internal static FileStream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }
}
