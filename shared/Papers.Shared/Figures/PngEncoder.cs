using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Papers.Shared.Figures;

/// <summary>
/// The smallest PNG writer that image traces need (PNG spec, ISO/IEC 15948): 8-bit RGB, one IDAT chunk, filter
/// type 0 on every scanline. Plotly shows an image trace's <c>source</c> data URI, so grids of 256×256 images stay
/// small in the figure's JSON instead of millions of numbers.
/// </summary>
internal static class PngEncoder
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    public static byte[] Encode(Image image)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8;   // bits per channel
        header[9] = 2;   // colour type: truecolour RGB
        Chunk(png, "IHDR", header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = 3 * image.Width;
            for (var y = 0; y < image.Height; y++)
            {
                zlib.WriteByte(0);   // filter type None
                zlib.Write(image.Rgb, y * row, row);
            }
        }
        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static string DataUri(Image image) => "data:image/png;base64," + Convert.ToBase64String(Encode(image));

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(typeAndData));
        png.Write(word);
    }

    private static uint Crc(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
