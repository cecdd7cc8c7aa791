using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Papers.Testing;

/// <summary>
/// Writes Level 5 MAT-files by the MathWorks specification, as scipy.io.savemat lays them out: the 128-byte header,
/// then one miMATRIX element per variable (array flags, dimensions, name, real part), each data element padded to 8
/// bytes, optionally wrapped in a zlib miCOMPRESSED element. Elements are column-major.
/// </summary>
public sealed class MatBytes
{
    public const uint MiInt8 = 1, MiUInt8 = 2, MiInt32 = 5, MiUInt32 = 6, MiDouble = 9, MiMatrix = 14, MiCompressed = 15;
    public const byte MxDouble = 6, MxUInt8 = 9;

    private readonly List<byte> _bytes = [];

    public MatBytes()
    {
        var text = Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, written by a test".PadRight(116));
        _bytes.AddRange(text);
        _bytes.AddRange(new byte[8]);                                              // subsystem data offset
        _bytes.AddRange([0x00, 0x01, (byte)'I', (byte)'M']);                         // version 0x0100, little-endian
    }

    /// <summary>A real variable of class <paramref name="mxClass"/>, its elements (column-major) stored as <paramref name="storage"/>.</summary>
    public MatBytes Variable(string name, byte mxClass, int[] dims, uint storage, byte[] data, bool compressed = false)
    {
        var matrix = new List<byte>();
        matrix.AddRange(Element(MiUInt32, [mxClass, 0, 0, 0, 0, 0, 0, 0]));
        matrix.AddRange(Element(MiInt32, dims.SelectMany(BitConverter.GetBytes).ToArray()));
        matrix.AddRange(Element(MiInt8, Encoding.ASCII.GetBytes(name)));
        matrix.AddRange(Element(storage, data));
        var element = Element(MiMatrix, matrix.ToArray());
        if (!compressed)
        {
            _bytes.AddRange(element);
            return this;
        }
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(element);
        var packed = buffer.ToArray();
        _bytes.AddRange(Tag(MiCompressed, packed.Length));
        _bytes.AddRange(packed);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private static byte[] Element(uint type, byte[] data)
    {
        var padded = (data.Length + 7) / 8 * 8;
        return [.. Tag(type, data.Length), .. data, .. new byte[padded - data.Length]];
    }

    private static byte[] Tag(uint type, int count)
    {
        var tag = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(tag, type);
        BinaryPrimitives.WriteInt32LittleEndian(tag.AsSpan(4), count);
        return tag;
    }
}
