using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Papers.Shared.Data;

/// <summary>
/// NumPy's .npy format (numpy/lib/format.py): the magic <c>\x93NUMPY</c>, a version, a little-endian header length
/// (2 bytes in version 1, 4 in versions 2 and 3), a Python dict literal with <c>descr</c>, <c>fortran_order</c> and
/// <c>shape</c>, then the raw elements. Object arrays (<c>|O</c>) hold a pickle instead of raw elements.
/// </summary>
public static partial class Npy
{
    private static readonly byte[] s_magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static NdArray Load(string path) => Read(File.ReadAllBytes(path), path);

    /// <param name="source">Names the bytes in error messages (a file name).</param>
    public static NdArray Read(byte[] bytes, string source)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(s_magic))
            throw new InvalidDataException($"{source}: not a .npy file (no \\x93NUMPY magic)");
        int major = bytes[6], minor = bytes[7];
        var (lengthBytes, encoding) = major switch
        {
            1 => (2, Encoding.Latin1),
            2 => (4, Encoding.Latin1),
            3 => (4, Encoding.UTF8),
            _ => throw new InvalidDataException($"{source}: unsupported .npy version {major}.{minor} (supported: 1.x, 2.x, 3.x)"),
        };
        var start = 8 + lengthBytes;
        if (bytes.Length < start) throw new InvalidDataException($"{source}: truncated .npy header");
        long length = lengthBytes == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8))
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (start + length > bytes.Length)
            throw new InvalidDataException($"{source}: .npy header of {length} bytes runs past the end of the file ({bytes.Length} bytes)");
        var header = encoding.GetString(bytes, start, (int)length);
        var body = bytes.AsSpan(start + (int)length);

        var descr = Field(DescrPattern(), header, "descr", source);
        var fortranOrder = Field(FortranPattern(), header, "fortran_order", source) == "True";
        var shape = Field(ShapePattern(), header, "shape", source)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => long.TryParse(d.TrimEnd('L'), out var n) ? n : throw new InvalidDataException($"{source}: bad shape entry '{d}' in .npy header"))
            .ToArray();

        if (descr.EndsWith('O')) return ReadObjects(body, shape, source);
        return NdArray.FromBytes(descr, shape, body, fortranOrder, source);
    }

    // np.save pickles an object array whole (protocol 2 by default); the pickle's own shape must agree.
    private static NdArray ReadObjects(ReadOnlySpan<byte> body, long[] shape, string source)
    {
        if (Pickle.Read(body.ToArray(), source) is not NdArray { DType: "object" } array)
            throw new InvalidDataException($"{source}: the body of an object .npy is not a pickled object ndarray");
        if (!array.Shape.SequenceEqual(shape))
            throw new InvalidDataException($"{source}: header shape [{string.Join(", ", shape)}] but pickled shape [{string.Join(", ", array.Shape)}]");
        return array;
    }

    private static string Field(Regex pattern, string header, string name, string source)
    {
        var match = pattern.Match(header);
        if (!match.Success) throw new InvalidDataException($"{source}: .npy header has no usable '{name}' ({header.Trim()})");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
