using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Papers.Testing;

/// <summary>A PNG encoder after the PNG specification (2nd edition), for building test images byte by byte.</summary>
public static class PngBytes
{
    /// <param name="scanlines">Each row's samples, packed at the bit depth, without the filter byte.</param>
    /// <param name="filters">The filter type applied to each row (§9.2), 0 to 4.</param>
    public static byte[] Encode(int width, int colorType, int depth, byte[][] scanlines, byte[] filters, byte interlace = 0)
    {
        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new ArgumentException("color type") };
        var bpp = Math.Max(1, channels * depth / 8);
        var filtered = new List<byte>();
        for (var y = 0; y < scanlines.Length; y++)
        {
            filtered.Add(filters[y]);
            var row = scanlines[y];
            for (var i = 0; i < row.Length; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = y > 0 ? scanlines[y - 1][i] : 0, c = i >= bpp && y > 0 ? scanlines[y - 1][i - bpp] : 0;
                var predictor = filters[y] switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => Paeth(a, b, c), _ => 0 };
                filtered.Add((byte)(row[i] - predictor));
            }
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), scanlines.Length);
        (header[8], header[9], header[12]) = ((byte)depth, (byte)colorType, interlace);

        var png = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a };
        png.AddRange(Chunk("IHDR", header));
        png.AddRange(Chunk("tEXt", Encoding.Latin1.GetBytes("Comment\0ancillary chunks are skipped")));
        png.AddRange(Chunk("IDAT", Deflate(filtered.ToArray())));
        png.AddRange(Chunk("IEND", []));
        return png.ToArray();
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>CRC-32 as PNG's Annex D computes it, bit by bit.</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xffffffffu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xedb88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal)) zlib.Write(data);
        return output.ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
