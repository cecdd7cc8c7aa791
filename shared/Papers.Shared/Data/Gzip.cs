using System.IO.Compression;

namespace Papers.Shared.Data;

internal static class Gzip
{
    /// <summary>The file's bytes, gunzipped when it starts with the gzip magic 1f 8b (so <c>.gz</c> and raw copies both read).</summary>
    public static byte[] ReadAllBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes is not [0x1f, 0x8b, ..]) return bytes;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: corrupt gzip data ({e.Message})", e);
        }
    }
}
