using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Papers.Shared.Data;

/// <summary>
/// MATLAB's Level 5 MAT-file (MathWorks, "MAT-File Format"), the format of scipy.io.savemat and of SVHN's
/// <c>*_32x32.mat</c>: a 128-byte header (text, subsystem offset, version 0x0100, endian indicator "IM" for
/// little-endian), then data elements, each a tag (type, byte count; or, for ≤ 4 bytes, a small element with both in
/// the first word) and its data padded to 8 bytes. A variable is a miMATRIX element (array flags, dimensions, name,
/// real part), possibly inside a zlib-compressed miCOMPRESSED element. Numeric, real, non-sparse variables are read,
/// in MATLAB's class (a double may be stored as bytes), reordered from column-major to C order.
/// </summary>
public static class Mat5
{
    private const int HeaderBytes = 128;
    private const uint MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9,
        MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15;
    private const int MxDouble = 6, MxSingle = 7, MxUInt8 = 9, MxInt32 = 12, MxInt64 = 14;
    private const uint ComplexFlag = 0x0800;

    public static IReadOnlyDictionary<string, NdArray> Load(string path) => Read(File.ReadAllBytes(path), path);

    /// <param name="source">Names the bytes in error messages (a file name).</param>
    public static IReadOnlyDictionary<string, NdArray> Read(byte[] bytes, string source)
    {
        if (bytes.Length < HeaderBytes || !Encoding.ASCII.GetString(bytes, 0, 10).StartsWith("MATLAB 5.0", StringComparison.Ordinal))
            throw new InvalidDataException($"{source}: not a Level 5 MAT-file (its text header does not start with 'MATLAB 5.0')");
        if (bytes[126] == 'M' && bytes[127] == 'I')
            throw new InvalidDataException($"{source}: a big-endian MAT-file; only little-endian files are read (re-save with scipy.io.savemat)");
        if (bytes[126] != 'I' || bytes[127] != 'M')
            throw new InvalidDataException($"{source}: MAT-file version 7.3 (HDF5) or an unknown endian indicator; only Level 5 files are read (save with -v7 or scipy.io.savemat)");
        var variables = new Dictionary<string, NdArray>(StringComparer.Ordinal);
        Elements(bytes.AsSpan(HeaderBytes), source, variables);
        return variables;
    }

    private static void Elements(ReadOnlySpan<byte> data, string source, Dictionary<string, NdArray> variables)
    {
        while (data.Length >= 8)
        {
            var (type, start, length, next) = Element(data, source);
            if (type == MiCompressed) Elements(Inflate(data.Slice(start, length), source), source, variables);
            else if (type == MiMatrix) Matrix(data.Slice(start, length), source, variables);
            else throw new InvalidDataException($"{source}: data element of type {type} at the top level; a MAT-file holds miMATRIX or miCOMPRESSED elements");
            data = data[next..];
        }
    }

    // One tag: its type, where its body starts and how long it is, and where the next element starts (compressed
    // elements are not padded).
    private static (uint Type, int Start, int Length, int Next) Element(ReadOnlySpan<byte> data, string source)
    {
        var first = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (first >> 16 != 0)                                                      // small data element: size in the upper half
        {
            var small = (int)(first >> 16);
            if (small > 4) throw new InvalidDataException($"{source}: small data element of {small} bytes (at most 4)");
            return (first & 0xFFFF, 4, small, 8);
        }
        var count = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (8L + count > data.Length) throw new InvalidDataException($"{source}: data element of {count} bytes runs past the end of the file");
        var padded = first == MiCompressed ? (int)count : (int)((count + 7) / 8 * 8);
        return (first, 8, (int)count, Math.Min(8 + padded, data.Length));
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, string source)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: corrupt miCOMPRESSED element ({e.Message})", e);
        }
    }

    private static void Matrix(ReadOnlySpan<byte> body, string source, Dictionary<string, NdArray> variables)
    {
        var (_, flagsAt, _, afterFlags) = Element(body, source);
        var flagWord = BinaryPrimitives.ReadUInt32LittleEndian(body[flagsAt..]);
        var mxClass = (int)(flagWord & 0xFF);
        body = body[afterFlags..];
        var (_, dimsAt, dimsLength, afterDims) = Element(body, source);
        var shape = MemoryMarshal.Cast<byte, int>(body.Slice(dimsAt, dimsLength)).ToArray().Select(d => (long)d).ToArray();
        body = body[afterDims..];
        var (_, nameAt, nameLength, afterName) = Element(body, source);
        var name = Encoding.ASCII.GetString(body.Slice(nameAt, nameLength));
        if ((flagWord & ComplexFlag) != 0) throw new InvalidDataException($"{source}: variable '{name}' is complex; only real arrays are read");
        var descr = mxClass switch
        {
            MxDouble => "<f8",
            MxSingle => "<f4",
            MxUInt8 => "|u1",
            MxInt32 => "<i4",
            MxInt64 => "<i8",
            _ => throw new InvalidDataException($"{source}: variable '{name}' has MATLAB class {mxClass}; read are double (6), single (7), uint8 (9), int32 (12), int64 (14)"),
        };
        body = body[afterName..];
        var (storage, realAt, realLength, _) = Element(body, source);
        variables[name] = NdArray.FromBytes(descr, shape, AsClass(storage, body.Slice(realAt, realLength), mxClass, name, source), fortranOrder: true, source);
    }

    // MATLAB may store a class in a smaller type (a double array of small integers as miUINT8): widen to the class.
    private static byte[] AsClass(uint storage, ReadOnlySpan<byte> raw, int mxClass, string name, string source)
    {
        var native = (mxClass, storage) switch
        {
            (MxDouble, MiDouble) or (MxSingle, MiSingle) or (MxUInt8, MiUInt8) or (MxInt32, MiInt32) or (MxInt64, MiInt64) => true,
            _ => false,
        };
        if (native) return raw.ToArray();
        double[] values = storage switch
        {
            MiInt8 => MemoryMarshal.Cast<byte, sbyte>(raw).ToArray().Select(v => (double)v).ToArray(),
            MiUInt8 => raw.ToArray().Select(v => (double)v).ToArray(),
            MiInt16 => MemoryMarshal.Cast<byte, short>(raw).ToArray().Select(v => (double)v).ToArray(),
            MiUInt16 => MemoryMarshal.Cast<byte, ushort>(raw).ToArray().Select(v => (double)v).ToArray(),
            MiInt32 => MemoryMarshal.Cast<byte, int>(raw).ToArray().Select(v => (double)v).ToArray(),
            MiUInt32 => MemoryMarshal.Cast<byte, uint>(raw).ToArray().Select(v => (double)v).ToArray(),
            MiSingle => MemoryMarshal.Cast<byte, float>(raw).ToArray().Select(v => (double)v).ToArray(),
            MiDouble => MemoryMarshal.Cast<byte, double>(raw).ToArray(),
            _ => throw new InvalidDataException($"{source}: variable '{name}' is stored as type {storage}, which this reader does not convert"),
        };
        return mxClass switch
        {
            MxDouble => MemoryMarshal.AsBytes(values.AsSpan()).ToArray(),
            MxSingle => MemoryMarshal.AsBytes(values.Select(v => (float)v).ToArray().AsSpan()).ToArray(),
            MxUInt8 => values.Select(v => (byte)v).ToArray(),
            MxInt32 => MemoryMarshal.AsBytes(values.Select(v => (int)v).ToArray().AsSpan()).ToArray(),
            _ => MemoryMarshal.AsBytes(values.Select(v => (long)v).ToArray().AsSpan()).ToArray(),
        };
    }
}
