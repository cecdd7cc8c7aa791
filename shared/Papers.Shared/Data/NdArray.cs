using System.Runtime.InteropServices;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Shared.Data;

/// <summary>
/// A NumPy array as read from a .npy file or a pickle: its dtype by NumPy's name (float32, float64, int32,
/// int64, uint8, bool, object), its shape, and its elements in C order as the matching C# array
/// (float[], double[], int[], long[], byte[], bool[], object?[]).
/// </summary>
public sealed record NdArray(string DType, long[] Shape, Array Data)
{
    public long Count => Shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>The elements as <typeparamref name="T"/>[]; throws if the dtype is another.</summary>
    public T[] As<T>() =>
        Data as T[] ?? throw new InvalidCastException($"this ndarray holds {DType} ({Data.GetType().Name}), not {typeof(T).Name}[]");

    /// <summary>A tensor of the same dtype and shape (object arrays have no tensor form).</summary>
    public Tensor ToTensor() => Data switch
    {
        float[] v => torch.tensor(v, Shape),
        double[] v => torch.tensor(v, Shape),
        int[] v => torch.tensor(v, Shape),
        long[] v => torch.tensor(v, Shape),
        byte[] v => torch.tensor(v, Shape),
        bool[] v => torch.tensor(v, Shape),
        _ => throw new InvalidOperationException($"an ndarray of {DType} has no tensor form"),
    };

    public override string ToString() => $"ndarray({DType}, [{string.Join(", ", Shape)}])";

    /// <summary>
    /// Decodes raw element bytes described by a NumPy type string (<c>&lt;f4</c>, <c>|u1</c>, <c>&lt;i8</c>...).
    /// Fortran-ordered data is reordered to C order.
    /// </summary>
    internal static NdArray FromBytes(string descr, long[] shape, ReadOnlySpan<byte> raw, bool fortranOrder, string source)
    {
        if (descr.Length < 3 || descr[0] is not ('<' or '|' or '=' or '>'))
            throw new InvalidDataException($"{source}: unsupported dtype '{descr}' (expected a byte order and a type such as <f4)");
        var kind = descr[1..];
        if (descr[0] == '>' && kind[^1] != '1')
            throw new InvalidDataException($"{source}: big-endian dtype '{descr}' is not supported (only little-endian data)");
        if (shape.Any(d => d < 0)) throw new InvalidDataException($"{source}: negative dimension in shape [{string.Join(", ", shape)}]");
        return kind switch
        {
            "f4" => Decode<float>(raw, "float32", shape, fortranOrder, source),
            "f8" => Decode<double>(raw, "float64", shape, fortranOrder, source),
            "i4" => Decode<int>(raw, "int32", shape, fortranOrder, source),
            "i8" => Decode<long>(raw, "int64", shape, fortranOrder, source),
            "u1" => Decode<byte>(raw, "uint8", shape, fortranOrder, source),
            "b1" => ToBool(Decode<byte>(raw, "bool", shape, fortranOrder, source)),
            _ => throw new InvalidDataException($"{source}: unsupported dtype '{descr}' (supported: f4 f8 i4 i8 u1 b1)"),
        };
    }

    private static NdArray Decode<T>(ReadOnlySpan<byte> raw, string name, long[] shape, bool fortranOrder, string source)
        where T : unmanaged
    {
        var count = shape.Aggregate(1L, (n, d) => n * d);
        var size = Marshal.SizeOf<T>();
        if (raw.Length != count * size)
            throw new InvalidDataException($"{source}: {raw.Length} data bytes for shape [{string.Join(", ", shape)}] of {name}, expected {count * size}");
        return new NdArray(name, shape, Order(MemoryMarshal.Cast<byte, T>(raw).ToArray(), shape, fortranOrder));
    }

    // NumPy stores a bool as one byte, 0 or 1.
    private static NdArray ToBool(NdArray bytes) => bytes with { DType = "bool", Data = bytes.As<byte>().Select(b => b != 0).ToArray() };

    /// <summary>Reorders column-major (Fortran) elements into row-major (C) order; C-ordered input is returned as is.</summary>
    internal static T[] Order<T>(T[] elements, long[] shape, bool fortranOrder)
    {
        if (!fortranOrder || shape.Length < 2) return elements;
        // Column-major strides: axis 0 varies fastest.
        var strides = new long[shape.Length];
        for (long k = 0, stride = 1; k < shape.Length; stride *= shape[k], k++) strides[k] = stride;
        var result = new T[elements.Length];
        var index = new long[shape.Length];
        long offset = 0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = elements[offset];
            // Advance the C-order odometer (last axis fastest), keeping the column-major offset in step.
            for (var axis = shape.Length - 1; axis >= 0; axis--)
            {
                index[axis]++;
                offset += strides[axis];
                if (index[axis] < shape[axis]) break;
                offset -= strides[axis] * shape[axis];
                index[axis] = 0;
            }
        }
        return result;
    }
}
