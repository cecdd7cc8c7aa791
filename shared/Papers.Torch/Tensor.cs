using System.Runtime.InteropServices;

namespace Papers.Torch;

public static partial class torch
{
    /// <summary>
    /// A handle to an at::Tensor. Disposing frees the handle (the storage goes when its last handle
    /// does); a finalizer frees forgotten handles, but training loops should use dispose scopes.
    /// </summary>
    public partial class Tensor : IDisposable
    {
        private IntPtr _handle;

        internal Tensor(IntPtr handle)
        {
            _handle = Native.Check(handle);
            DisposeScope.Current?.Add(this);
        }

        ~Tensor() => Free();

        internal DisposeScope? OwningScope { get; set; }

        internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(Tensor), "the tensor was disposed");

        public bool IsInvalid => _handle == IntPtr.Zero;

        public void Dispose()
        {
            OwningScope?.Remove(this);
            Free();
            GC.SuppressFinalize(this);
        }

        private void Free()
        {
            var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
            if (handle != IntPtr.Zero) Native.pt_free(handle);
        }

        /// <summary>Keeps this tensor alive past the innermost scope: it moves to the scope around it.</summary>
        public Tensor MoveToOuterDisposeScope()
        {
            var outer = OwningScope?.Outer;
            OwningScope?.Remove(this);
            outer?.Add(this);
            return this;
        }

        /// <summary>Takes this tensor out of every dispose scope: the caller now owns it.</summary>
        public Tensor DetachFromDisposeScope()
        {
            OwningScope?.Remove(this);
            return this;
        }

        // ---- properties ----
        public long Dimensions => Native.pt_dim(Handle);

        public int dim() => Native.pt_dim(Handle);

        public unsafe long[] shape
        {
            get
            {
                var sizes = new long[Native.pt_dim(Handle)];
                fixed (long* p = sizes) Native.Check(Native.pt_sizes(Handle, p));
                return sizes;
            }
        }

        public long[] size() => shape;

        public long size(int dim)
        {
            var s = shape;
            var d = dim < 0 ? dim + s.Length : dim;
            if (d < 0 || d >= s.Length) throw new IndexOutOfRangeException($"dimension {dim} out of range for a {s.Length}-d tensor");
            return s[d];
        }

        public unsafe long[] stride()
        {
            var strides = new long[Native.pt_dim(Handle)];
            fixed (long* p = strides) Native.Check(Native.pt_strides(Handle, p));
            return strides;
        }

        public long numel() => Native.pt_numel(Handle);

        public ScalarType dtype => (ScalarType)Native.pt_dtype(Handle);

        public Device device => new((DeviceType)Native.pt_device_type(Handle), Native.pt_device_index(Handle));

        public DeviceType device_type => (DeviceType)Native.pt_device_type(Handle);

        public bool is_sparse => Native.pt_is_sparse(Handle) != 0;

        public bool is_contiguous() => Native.pt_is_contiguous(Handle) != 0;

        public bool is_leaf => Native.pt_is_leaf(Handle) != 0;

        public bool is_floating_point() => dtype.IsFloatingPoint();

        public bool requires_grad
        {
            get => Native.pt_requires_grad(Handle) != 0;
            set => Native.Check(Native.pt_set_requires_grad(Handle, value ? 1 : 0));
        }

        public Tensor requires_grad_(bool requires = true)
        {
            requires_grad = requires;
            return this;
        }

        /// <summary>The accumulated gradient, or null before the first backward. Setting null clears it.</summary>
        public Tensor? grad
        {
            get
            {
                var g = Native.pt_grad(Handle);
                return g == IntPtr.Zero ? null : new Tensor(g);
            }
            set => Native.Check(Native.pt_set_grad(Handle, value?.Handle ?? IntPtr.Zero));
        }

        public Tensor retain_grad()
        {
            Native.Check(Native.pt_retain_grad(Handle));
            return this;
        }

        // ---- values back to C# ----
        public double ToDouble()
        {
            var v = Native.pt_item_double(Handle);
            ThrowIfItemFailed();
            return v;
        }

        public float ToSingle() => (float)ToDouble();

        public long ToInt64()
        {
            var v = Native.pt_item_long(Handle);
            ThrowIfItemFailed();
            return v;
        }

        public int ToInt32() => checked((int)ToInt64());

        public bool ToBoolean() => ToInt64() != 0;

        /// <summary>The value of a one-element tensor.</summary>
        public T item<T>() where T : unmanaged
        {
            if (numel() != 1) throw new InvalidOperationException($"item() needs a one-element tensor, this one has shape [{string.Join(", ", shape)}]");
            return data<T>()[0];
        }

        private static void ThrowIfItemFailed()
        {
            var message = Marshal.PtrToStringUTF8(Native.pt_last_error());
            if (!string.IsNullOrEmpty(message)) throw new TorchException(message.Trim());
        }

        /// <summary>A copy of the elements in row-major order, as a C# array (from any device).</summary>
        public unsafe T[] data<T>() where T : unmanaged
        {
            var expected = ElementType<T>();
            if (dtype != expected)
                throw new ArgumentException($"data<{typeof(T).Name}>() needs a {expected} tensor, this one is {dtype}: convert with .to({expected}) first");
            var result = new T[numel()];
            fixed (T* p = result) Native.Check(Native.pt_copy_to_buffer(Handle, p, (long)result.Length * sizeof(T)));
            return result;
        }

        internal static ScalarType ElementType<T>() where T : unmanaged =>
            typeof(T) == typeof(float) ? ScalarType.Float32 :
            typeof(T) == typeof(double) ? ScalarType.Float64 :
            typeof(T) == typeof(long) ? ScalarType.Int64 :
            typeof(T) == typeof(int) ? ScalarType.Int32 :
            typeof(T) == typeof(short) ? ScalarType.Int16 :
            typeof(T) == typeof(byte) ? ScalarType.Byte :
            typeof(T) == typeof(sbyte) ? ScalarType.Int8 :
            typeof(T) == typeof(bool) ? ScalarType.Bool :
            throw new ArgumentException($"no tensor dtype for {typeof(T).Name}");

        /// <summary>libtorch's full printout of the values.</summary>
        public string str()
        {
            var s = Native.Check(Native.pt_to_string(Handle));
            try { return Marshal.PtrToStringUTF8(s)!; }
            finally { Native.pt_free_string(s); }
        }

        public override string ToString() =>
            IsInvalid ? "Tensor(disposed)" : $"[{string.Join("x", shape)}], type = {dtype}, device = {device}";

        // ---- conversion ----
        public Tensor to(ScalarType type) => new(Native.pt_to_dtype(Handle, (int)type));

        public Tensor to(Device target, bool non_blocking = false) =>
            new(Native.pt_to_device(Handle, (int)target.type, target.index, non_blocking ? 1 : 0));

        public Tensor to(string target) => to(Device.Parse(target));

        public Tensor to(ScalarType type, Device target) { using var t = to(target); return t.to(type); }

        public Tensor cpu() => to(CPU);

        public Tensor cuda(int index = 0) => to(new Device(DeviceType.CUDA, index));

        public Tensor @float() => to(ScalarType.Float32);

        public Tensor @double() => to(ScalarType.Float64);

        public Tensor @long() => to(ScalarType.Int64);

        public Tensor @int() => to(ScalarType.Int32);

        public Tensor @bool() => to(ScalarType.Bool);

        public Tensor contiguous() => new(Native.pt_contiguous(Handle));

        public Tensor clone() => new(Native.pt_clone(Handle));

        /// <summary>A new handle to the same tensor (same storage, same autograd identity).</summary>
        public Tensor alias() => new(Native.pt_share(Handle));

        public Tensor detach() => new(Native.pt_detach(Handle));

        public Tensor detach_()
        {
            Native.Check(Native.pt_detach_(Handle));
            return this;
        }

        public Tensor copy_(Tensor source)
        {
            Native.Check(Native.pt_copy_(Handle, source.Handle));
            return this;
        }

        /// <summary>Replaces this tensor's data with <paramref name="source"/>'s, keeping its autograd identity (<c>p.data = x</c>).</summary>
        public void set_data(Tensor source) => Native.Check(Native.pt_set_data(Handle, source.Handle));

        // ---- sparse ----
        public Tensor coalesce() => new(Native.pt_coalesce(Handle));

        public Tensor to_dense() => new(Native.pt_to_dense(Handle));

        public Tensor to_sparse() => new(Native.pt_to_sparse(Handle));

        public Tensor indices() => new(Native.pt_sparse_indices(Handle));

        public Tensor values() => new(Native.pt_sparse_values(Handle));
    }
}
