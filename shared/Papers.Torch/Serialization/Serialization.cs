namespace Papers.Torch;

public static partial class torch
{
    /// <summary>
    /// Writes <paramref name="tensors"/> to <paramref name="path"/> in the safetensors format
    /// (huggingface/safetensors: 8-byte little-endian header length, JSON header, raw little-endian C-order
    /// data), with optional string metadata. CUDA tensors are copied to the CPU. The write is atomic: a
    /// temporary file in the same folder replaces <paramref name="path"/> only once it is complete.
    /// </summary>
    public static void save(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        Safetensors.Write(tensors, path, metadata);

    /// <summary>Reads every tensor of a safetensors file onto the CPU; the caller owns them.</summary>
    public static Dictionary<string, Tensor> load(string path) => Safetensors.Read(path, out _);

    /// <summary>Reads every tensor of a safetensors file, and its metadata (empty when it has none).</summary>
    public static Dictionary<string, Tensor> load(string path, out Dictionary<string, string> metadata) =>
        Safetensors.Read(path, out metadata);

    /// <summary>Reads only the metadata of a safetensors file (empty when it has none), without its tensors.</summary>
    public static Dictionary<string, string> load_metadata(string path)
    {
        using var stream = Safetensors.Open(path);
        return Safetensors.ReadHeader(stream, path).Metadata;
    }
}
