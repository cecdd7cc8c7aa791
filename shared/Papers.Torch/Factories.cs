namespace Papers.Torch;

public static partial class torch
{
    private static int DeviceTypeOf(Device? device) => (int)(device?.type ?? DeviceType.CPU);

    private static int DeviceIndexOf(Device? device) => device?.index ?? -1;

    private static Tensor Finish(Tensor t, bool requiresGrad)
    {
        // ATen factories ignore requires_grad in their options: set it on the result.
        if (requiresGrad) t.requires_grad = true;
        return t;
    }

    private static unsafe Tensor Sized(long[] size, ScalarType dtype, Device? device, bool requiresGrad,
                                       delegate*<long*, int, int, int, int, IntPtr> factory)
    {
        fixed (long* p = size)
            return Finish(new Tensor(factory(p, size.Length, (int)dtype, DeviceTypeOf(device), DeviceIndexOf(device))), requiresGrad);
    }

    public static unsafe Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Sized(size, dtype ?? s_defaultDtype, device, requires_grad, &Native.pt_empty);

    public static unsafe Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Sized(size, dtype ?? s_defaultDtype, device, requires_grad, &Native.pt_zeros);

    public static unsafe Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Sized(size, dtype ?? s_defaultDtype, device, requires_grad, &Native.pt_ones);

    public static unsafe Tensor full(long[] size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var type = dtype ?? (value.IsIntegral ? ScalarType.Int64 : s_defaultDtype);
        fixed (long* p = size)
            return Finish(new Tensor(Native.pt_full(p, size.Length, value.Value, value.Flag, (int)type, DeviceTypeOf(device), DeviceIndexOf(device))), requires_grad);
    }

    /// <summary>Values in [start, stop) spaced by step; int64 unless a dtype is given.</summary>
    public static Tensor arange(Scalar start, Scalar stop, Scalar step, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var type = dtype ?? (start.IsIntegral && stop.IsIntegral && step.IsIntegral ? ScalarType.Int64 : s_defaultDtype);
        return Finish(new Tensor(Native.pt_arange(start.Value, stop.Value, step.Value, (int)type, DeviceTypeOf(device), DeviceIndexOf(device))), requires_grad);
    }

    public static Tensor arange(Scalar start, Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(start, stop, 1, dtype, device, requires_grad);

    public static Tensor arange(Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        arange(0, stop, 1, dtype, device, requires_grad);

    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Finish(new Tensor(Native.pt_linspace(start, end, steps, (int)(dtype ?? s_defaultDtype), DeviceTypeOf(device), DeviceIndexOf(device))), requires_grad);

    public static Tensor eye(long n, long m = -1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Finish(new Tensor(Native.pt_eye(n, m < 0 ? n : m, (int)(dtype ?? s_defaultDtype), DeviceTypeOf(device), DeviceIndexOf(device))), requires_grad);

    /// <summary>Uniform on [0, 1).</summary>
    public static unsafe Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        fixed (long* p = size)
            return Finish(new Tensor(Native.pt_rand(p, size.Length, generator?.Handle ?? IntPtr.Zero, (int)(dtype ?? s_defaultDtype), DeviceTypeOf(device), DeviceIndexOf(device))), requires_grad);
    }

    /// <summary>Standard normal.</summary>
    public static unsafe Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        fixed (long* p = size)
            return Finish(new Tensor(Native.pt_randn(p, size.Length, generator?.Handle ?? IntPtr.Zero, (int)(dtype ?? s_defaultDtype), DeviceTypeOf(device), DeviceIndexOf(device))), requires_grad);
    }

    /// <summary>Integers uniform on [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        fixed (long* p = size)
            return new Tensor(Native.pt_randint(low, high, p, size.Length, generator?.Handle ?? IntPtr.Zero, (int)(dtype ?? ScalarType.Int64), DeviceTypeOf(device), DeviceIndexOf(device)));
    }

    public static Tensor randint(long high, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null) =>
        randint(0, high, size, dtype, device, generator);

    /// <summary>A random permutation of 0..n-1.</summary>
    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null, Generator? generator = null) =>
        new(Native.pt_randperm(n, generator?.Handle ?? IntPtr.Zero, (int)(dtype ?? ScalarType.Int64), DeviceTypeOf(device), DeviceIndexOf(device)));

    public static unsafe Tensor normal(double mean, double std, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null)
    {
        fixed (long* p = size)
            return new Tensor(Native.pt_normal(mean, std, p, size.Length, generator?.Handle ?? IntPtr.Zero, (int)(dtype ?? s_defaultDtype), DeviceTypeOf(device), DeviceIndexOf(device)));
    }

    public static Tensor zeros_like(Tensor t, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        zeros(t.shape, dtype ?? t.dtype, device ?? t.device, requires_grad);

    public static Tensor ones_like(Tensor t, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        ones(t.shape, dtype ?? t.dtype, device ?? t.device, requires_grad);

    public static Tensor empty_like(Tensor t, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        empty(t.shape, dtype ?? t.dtype, device ?? t.device, requires_grad);

    public static Tensor full_like(Tensor t, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        full(t.shape, value, dtype ?? t.dtype, device ?? t.device, requires_grad);

    public static Tensor rand_like(Tensor t, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        rand(t.shape, dtype ?? t.dtype, device ?? t.device, requires_grad, generator);

    public static Tensor randn_like(Tensor t, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        randn(t.shape, dtype ?? t.dtype, device ?? t.device, requires_grad, generator);

    /// <summary>A tensor holding a copy of <paramref name="values"/>, shaped by <paramref name="dimensions"/> (default: 1-d).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> values, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        var shape = dimensions ?? [values.Length];
        long count = 1;
        foreach (var d in shape) count *= d;
        if (count != values.Length)
            throw new ArgumentException($"{values.Length} values cannot fill shape [{string.Join(", ", shape)}] ({count} elements)");
        Tensor t;
        fixed (T* data = values)
        fixed (long* s = shape)
            t = new Tensor(Native.pt_from_data(data, s, shape.Length, (int)Tensor.ElementType<T>()));
        if (dtype is { } type && type != t.dtype) t = Replace(t, t.to(type));
        if (device is { } dev && dev.type != DeviceType.CPU) t = Replace(t, t.to(dev));
        return Finish(t, requires_grad);
    }

    public static Tensor tensor<T>(T[] values, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        where T : unmanaged =>
        tensor((ReadOnlySpan<T>)values, dimensions, dtype, device, requires_grad);

    public static Tensor tensor<T>(T[,] values, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) where T : unmanaged
    {
        var flat = new T[values.Length];
        var k = 0;
        foreach (var v in values) flat[k++] = v;
        return tensor(flat, [values.GetLength(0), values.GetLength(1)], dtype, device, requires_grad);
    }

    /// <summary>A zero-dimensional tensor.</summary>
    public static Tensor tensor(double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        tensor([value], [], dtype ?? s_defaultDtype, device, requires_grad);

    public static Tensor tensor(long value, ScalarType? dtype = null, Device? device = null) =>
        tensor([value], [], dtype ?? ScalarType.Int64, device);

    private static Tensor Replace(Tensor old, Tensor replacement)
    {
        old.Dispose();
        return replacement;
    }

    /// <summary>
    /// A sparse COO tensor from [ndim, nnz] indices and [nnz] values. <paramref name="is_coalesced"/> promises
    /// that the indices are sorted and unique (as PyTorch 2's argument of that name does), so later ops skip a sort.
    /// </summary>
    public static unsafe Tensor sparse_coo_tensor(Tensor indices, Tensor values, long[] size, bool requires_grad = false, bool is_coalesced = false)
    {
        fixed (long* p = size)
            return Finish(new Tensor(Native.pt_sparse_coo(indices.Handle, values.Handle, p, size.Length, is_coalesced ? 1 : 0)), requires_grad);
    }
}
