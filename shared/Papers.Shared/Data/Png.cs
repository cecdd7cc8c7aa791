using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Papers.Shared.Data;

/// <summary>
/// A PNG decoder (PNG specification, 2nd edition) for non-interlaced images: grayscale at bit depths 1, 2, 4, 8,
/// gray+alpha, RGB and RGBA at bit depth 8. Samples below 8 bits are scaled to 0-255 (a 1-bit 1 is 255, white),
/// as PNG's sample scaling (§13.12) prescribes. Every chunk's CRC is checked.
/// </summary>
public static class Png
{
    private static readonly byte[] s_signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];
    private static readonly uint[] s_crcTable = CrcTable();

    public static Image Load(string path) => Decode(File.ReadAllBytes(path), path);

    /// <param name="source">Names the bytes in error messages (a file name or a zip entry).</param>
    public static Image Decode(byte[] png, string source)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(s_signature)) throw Bad(source, "no PNG signature");
        int width = 0, height = 0, depth = 0, colorType = -1;
        var idat = new MemoryStream();
        var position = 8;
        var ended = false;
        while (!ended)
        {
            if (position + 12 > png.Length) throw Bad(source, "truncated before IEND");
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            if (length < 0 || position + 12L + length > png.Length) throw Bad(source, $"chunk length {length} runs past the end of the file");
            var type = Encoding.ASCII.GetString(png, position + 4, 4);
            var data = png.AsSpan(position + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length));
            if (Crc(png.AsSpan(position + 4, length + 4)) != crc) throw Bad(source, $"CRC mismatch in chunk {type}");
            if (position == 8 && type != "IHDR") throw Bad(source, $"first chunk is {type}, not IHDR");
            switch (type)
            {
                case "IHDR":
                    if (length != 13) throw Bad(source, "IHDR is not 13 bytes");
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    (depth, colorType) = (data[8], data[9]);
                    if (width <= 0 || height <= 0) throw Bad(source, $"size {width}x{height}");
                    if (data[10] != 0 || data[11] != 0) throw Bad(source, "unknown compression or filter method");
                    if (data[12] != 0) throw Bad(source, "interlaced (Adam7) PNGs are not supported; re-save without interlacing");
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    ended = true;
                    break;
                case "PLTE":
                    // Only palette images (color type 3, refused below) need it; in RGB images it is a suggestion.
                    break;
                default:
                    // Bit 5 of the first letter marks an ancillary chunk, which a decoder may skip (§5.4).
                    if ((png[position + 4] & 0x20) == 0) throw Bad(source, $"unsupported critical chunk {type}");
                    break;
            }
            position += 12 + length;
        }

        var channels = (colorType, depth) switch
        {
            (0, 1 or 2 or 4 or 8) => 1,
            (4, 8) => 2,
            (2, 8) => 3,
            (6, 8) => 4,
            _ => throw Bad(source, $"color type {colorType} at bit depth {depth} is not supported " +
                                   "(grayscale 1/2/4/8-bit, gray+alpha, RGB and RGBA 8-bit)"),
        };
        var stride = (int)(((long)width * channels * depth + 7) / 8);
        var raw = Inflate(idat.ToArray(), (long)height * (stride + 1), source);
        Unfilter(raw, height, stride, Math.Max(1, channels * depth / 8), source);
        return new Image(height, width, channels, Expand(raw, height, width, channels, depth, stride));
    }

    private static byte[] Inflate(byte[] compressed, long expected, string source)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var raw = new byte[expected];
            zlib.ReadExactly(raw);
            if (zlib.ReadByte() != -1) throw Bad(source, $"image data longer than the {expected} bytes its header implies");
            return raw;
        }
        catch (EndOfStreamException)
        {
            throw Bad(source, $"image data shorter than the {expected} bytes its header implies");
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw Bad(source, $"corrupt zlib data ({e.Message})");
        }
    }

    // Reverses the per-row filters of §9.2 in place; each row starts with its filter type byte.
    private static void Unfilter(byte[] raw, int height, int stride, int bpp, string source)
    {
        for (var y = 0; y < height; y++)
        {
            var row = y * (stride + 1);
            var prior = row - (stride + 1) + 1; // the previous row's first sample; unused on row 0
            var filter = raw[row];
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bpp ? raw[row + 1 + i - bpp] : 0; // left
                int b = y > 0 ? raw[prior + i] : 0; // up
                int c = i >= bpp && y > 0 ? raw[prior + i - bpp] : 0; // up-left
                raw[row + 1 + i] += filter switch
                {
                    0 => 0,
                    1 => (byte)a,
                    2 => (byte)b,
                    3 => (byte)((a + b) / 2),
                    4 => Paeth(a, b, c),
                    _ => throw Bad(source, $"unknown filter type {filter} on row {y}"),
                };
            }
        }
    }

    private static byte Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }

    private static byte[] Expand(byte[] raw, int height, int width, int channels, int depth, int stride)
    {
        var pixels = new byte[(long)height * width * channels];
        if (depth == 8)
        {
            for (var y = 0; y < height; y++)
                raw.AsSpan(y * (stride + 1) + 1, stride).CopyTo(pixels.AsSpan(y * stride));
            return pixels;
        }
        // Packed grayscale, most significant bits first; scaled by 255 / (2^depth − 1).
        int max = (1 << depth) - 1, scale = 255 / max;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var bit = x * depth;
                var packed = raw[y * (stride + 1) + 1 + bit / 8];
                pixels[(long)y * width + x] = (byte)(((packed >> (8 - depth - bit % 8)) & max) * scale);
            }
        return pixels;
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xffffffffu;
        foreach (var b in bytes) crc = s_crcTable[(crc ^ b) & 0xff] ^ (crc >> 8);
        return crc ^ 0xffffffffu;
    }

    // CRC-32 of ISO 3309 / ITU-T V.42, polynomial 0xEDB88320 (PNG spec, Annex D).
    private static uint[] CrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xedb88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    private static InvalidDataException Bad(string source, string what) => new($"{source}: not a readable PNG: {what}");
}
