namespace Papers.Torch;

/// <summary>One entry of a Python-style index: an integer, a slice, None, Ellipsis, a bool, or an
/// integer or bool tensor. C# ranges convert too: <c>x[1..3]</c>, <c>x[..]</c>, <c>x[^1]</c>.</summary>
public readonly struct TensorIndex
{
    internal enum Kind { Single = 0, Slice = 1, None = 2, Ellipsis = 3, Tensor = 4, Bool = 5 }

    internal Kind IndexKind { get; init; }
    internal long Start { get; init; }
    internal long Stop { get; init; }
    internal long Step { get; init; }
    internal int Flags { get; init; }
    internal torch.Tensor? Tensor { get; init; }

    public static TensorIndex Single(long index) => new() { IndexKind = Kind.Single, Start = index };

    /// <summary>start:stop:step, each bound optional as in Python.</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1) => new()
    {
        IndexKind = Kind.Slice,
        Start = start ?? 0,
        Stop = stop ?? 0,
        Step = step,
        Flags = (start is null ? 0 : 1) | (stop is null ? 0 : 2),
    };

    public static TensorIndex Colon => Slice();
    public static readonly TensorIndex None = new() { IndexKind = Kind.None };
    public static readonly TensorIndex Ellipsis = new() { IndexKind = Kind.Ellipsis };

    public static implicit operator TensorIndex(long index) => Single(index);
    public static implicit operator TensorIndex(int index) => Single(index);
    public static implicit operator TensorIndex(bool value) => new() { IndexKind = Kind.Bool, Start = value ? 1 : 0 };
    public static implicit operator TensorIndex(torch.Tensor tensor) => new() { IndexKind = Kind.Tensor, Tensor = tensor };

    public static implicit operator TensorIndex(Index index) => Single(index.IsFromEnd ? -index.Value : index.Value);

    public static implicit operator TensorIndex(Range range)
    {
        long? start = range.Start.IsFromEnd ? -range.Start.Value : range.Start.Value;
        // ^0 as an end means "to the end"; as a start it means an empty slice from the end.
        long? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        if (range.Start.IsFromEnd && range.Start.Value == 0) start = long.MaxValue;
        return Slice(start, stop);
    }
}

public static partial class torch
{
    public unsafe partial class Tensor
    {
        /// <summary>Python-style indexing: <c>x[0]</c>, <c>x[.., 1]</c>, <c>x[mask]</c>, <c>x[TensorIndex.Ellipsis, 0]</c>.</summary>
        public Tensor this[params TensorIndex[] indices]
        {
            get => Index(indices);
            set => IndexPut(indices, value);
        }

        public Tensor index(params TensorIndex[] indices) => Index(indices);

        public Tensor index_put_(Tensor value, params TensorIndex[] indices)
        {
            IndexPut(indices, value);
            return this;
        }

        public Tensor index_put_(Scalar value, params TensorIndex[] indices)
        {
            IndexCall(indices, (k, a, b, c, f, t, n) => Native.pt_index_put_s_(Handle, k, a, b, c, f, t, n, value.Value, value.Flag));
            return this;
        }

        private unsafe delegate int IndexFn(int* kinds, long* a, long* b, long* c, int* flags, IntPtr* tensors, int n);

        private unsafe Tensor Index(TensorIndex[] indices)
        {
            IntPtr result = IntPtr.Zero;
            IndexCall(indices, (k, a, b, c, f, t, n) =>
            {
                result = Native.pt_index(Handle, k, a, b, c, f, t, n);
                return result == IntPtr.Zero ? -1 : 0;
            });
            return Wrap(result);
        }

        private unsafe void IndexPut(TensorIndex[] indices, Tensor value) =>
            IndexCall(indices, (k, a, b, c, f, t, n) => Native.pt_index_put_(Handle, k, a, b, c, f, t, n, value.Handle));

        private unsafe void IndexCall(TensorIndex[] indices, IndexFn call)
        {
            var n = indices.Length;
            var kinds = new int[n];
            var a = new long[n];
            var b = new long[n];
            var c = new long[n];
            var flags = new int[n];
            var tensors = new IntPtr[n];
            for (var i = 0; i < n; i++)
            {
                var ix = indices[i];
                kinds[i] = (int)ix.IndexKind;
                a[i] = ix.Start;
                b[i] = ix.Stop;
                c[i] = ix.Step;
                flags[i] = ix.Flags;
                tensors[i] = ix.Tensor?.Handle ?? IntPtr.Zero;
            }
            fixed (int* pk = kinds)
            fixed (long* pa = a)
            fixed (long* pb = b)
            fixed (long* pc = c)
            fixed (int* pf = flags)
            fixed (IntPtr* pt = tensors)
                Native.Check(call(pk, pa, pb, pc, pf, pt, n));
        }
    }
}
