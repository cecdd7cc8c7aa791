using System.Buffers.Binary;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Shared.Data;

/// <summary>Images from an IDX file: <c>Count</c> images of <c>Rows</c>×<c>Columns</c> bytes, row-major, one after another.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>A uint8 tensor [count, rows, columns].</summary>
    public Tensor ToTensor() => torch.tensor(Pixels, [Count, Rows, Columns]);
}

/// <summary>
/// The IDX format of MNIST (and Fashion-MNIST), gzipped or raw: a big-endian magic <c>00 00 type ndim</c>, ndim
/// big-endian int32 sizes, then the elements. Images are ubyte with 3 dimensions (magic 0x00000803), labels ubyte
/// with 1 (0x00000801).
/// </summary>
public static class Idx
{
    private const byte UnsignedByte = 0x08;

    public static IdxImages LoadImages(string path)
    {
        var (dims, data) = Read(path, 3);
        return new IdxImages(dims[0], dims[1], dims[2], data);
    }

    public static byte[] LoadLabels(string path) => Read(path, 1).Data;

    private static (int[] Dims, byte[] Data) Read(string path, int ndim)
    {
        var bytes = Gzip.ReadAllBytes(path);
        var what = ndim == 3 ? "images" : "labels";
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new InvalidDataException($"{path}: not an IDX file (the magic number must start with two zero bytes)");
        if (bytes[2] != UnsignedByte)
            throw new InvalidDataException($"{path}: IDX element type 0x{bytes[2]:x2} is not supported (only ubyte, 0x08)");
        if (bytes[3] != ndim)
            throw new InvalidDataException($"{path}: IDX magic 0x{BinaryPrimitives.ReadInt32BigEndian(bytes):x8} has {bytes[3]} dimensions; " +
                                           $"{what} need {ndim} (magic 0x{0x800 | ndim:x8})");
        var header = 4 + 4 * ndim;
        if (bytes.Length < header) throw new InvalidDataException($"{path}: truncated IDX header");
        var dims = new int[ndim];
        long count = 1;
        for (var k = 0; k < ndim; k++)
        {
            dims[k] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * k));
            if (dims[k] < 0) throw new InvalidDataException($"{path}: negative IDX dimension {dims[k]}");
            count *= dims[k];
        }
        if (bytes.Length - header != count)
            throw new InvalidDataException($"{path}: IDX sizes [{string.Join(", ", dims)}] need {count} bytes of data, the file has {bytes.Length - header}");
        return (dims, bytes[header..]);
    }
}
