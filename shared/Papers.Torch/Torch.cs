using System.Runtime.InteropServices;

namespace Papers.Torch;

/// <summary>
/// The entry point of the tensor library, shaped like TorchSharp's <c>TorchSharp.torch</c>: with
/// <c>using static Papers.Torch.torch;</c> a paper reads like its PyTorch original.
/// </summary>
public static partial class torch
{
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType int8 = ScalarType.Int8;
    public const ScalarType int16 = ScalarType.Int16;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType @bool = ScalarType.Bool;

    public static readonly Device CPU = new(DeviceType.CPU);
    public static readonly Device CUDA = new(DeviceType.CUDA, 0);

    public static Device device(string spec) => Device.Parse(spec);

    private static ScalarType s_defaultDtype = ScalarType.Float32;

    /// <summary>The floating dtype that factories use when none is given (float32, as in PyTorch).</summary>
    public static ScalarType get_default_dtype() => s_defaultDtype;

    public static void set_default_dtype(ScalarType dtype)
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"the default dtype must be floating, not {dtype}");
        s_defaultDtype = dtype;
    }

    /// <summary>The libtorch version the shim was built against, e.g. "1.13.0".</summary>
    public static string __version__ => Marshal.PtrToStringUTF8(Native.pt_version())!;

    /// <summary>libtorch's build configuration (BLAS, oneDNN, OpenMP, CUDA).</summary>
    public static string __config__
    {
        get
        {
            var s = Native.Check(Native.pt_config());
            try { return Marshal.PtrToStringUTF8(s)!; }
            finally { Native.pt_free_string(s); }
        }
    }

    /// <summary>Sets the intra-op thread count of ATen and of OpenBLAS's own pool.</summary>
    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        Native.pt_set_num_threads(threads);
    }

    public static int get_num_threads() => Native.pt_get_num_threads();

    /// <summary>
    /// With more than one intra-op thread, ops whose largest tensor holds fewer than <paramref name="elements"/>
    /// elements run on the calling thread alone, forward and backward (2^18 by default; 0 lets libtorch split every
    /// loop over 32,768 elements, as it does by itself). Convolutions count their multiply-adds over 128.
    /// </summary>
    /// <remarks>Waking a second thread costs more than the half of a small loop it would take over, so small models
    /// were slower on 2 threads than on 1 (the shim's <c>native/src/threads.cpp</c> has the measurements and the ops).
    /// Elementwise results are the same either way; a reduction below the threshold gives its 1-thread bits.
    /// Products keep OpenBLAS's own threshold.</remarks>
    public static void set_serial_below(long elements)
    {
        if (elements < 0) throw new ArgumentOutOfRangeException(nameof(elements), elements, "0 (off) or a positive number of elements");
        Native.Check(Native.pt_set_serial_below(elements));
    }

    /// <summary>The threshold of <see cref="set_serial_below"/>.</summary>
    public static long get_serial_below() => Native.pt_get_serial_below();

    /// <summary>The threshold in force now: <see cref="get_serial_below"/> while more than one intra-op thread is set,
    /// 0 at one thread (or where libtorch does not run on OpenMP).</summary>
    public static long get_serial_below_in_force() => Native.pt_serial_below_in_force();

    /// <summary>Whether float32 products below the threshold (measured as multiply-adds over 16) run on the calling
    /// thread while more than one intra-op thread is set: true where libtorch's BLAS is OpenBLAS 0.3.21 on its Haswell
    /// kernels, whose one-thread driver the native library calls (native/src/products.cpp); elsewhere every product
    /// is libtorch's own, split between threads as OpenBLAS decides.</summary>
    public static bool small_products_on_one_thread() => Native.pt_small_products_available() != 0;

    public static bool is_grad_enabled() => Native.pt_is_grad_enabled() != 0;

    /// <summary>Disables gradient recording on this thread until disposed: <c>using (torch.no_grad()) { ... }</c>.</summary>
    public static IDisposable no_grad() => new GradMode(false);

    public static IDisposable enable_grad() => new GradMode(true);

    public static IDisposable set_grad_enabled(bool enabled) => new GradMode(enabled);

    /// <summary>Opens a dispose scope: every tensor created until it is disposed is disposed with it.</summary>
    public static DisposeScope NewDisposeScope() => new();

    private sealed class GradMode : IDisposable
    {
        private readonly bool _previous;
        private bool _disposed;

        public GradMode(bool enabled)
        {
            _previous = is_grad_enabled();
            Native.pt_set_grad_enabled(enabled ? 1 : 0);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Native.pt_set_grad_enabled(_previous ? 1 : 0);
        }
    }

    public static class cuda
    {
        public static int device_count() => Native.pt_cuda_device_count();

        public static bool is_available() => device_count() > 0;

        private static Generator[]? s_defaultGenerators;

        /// <summary>The default generator of each CUDA device (random ops on that device without an explicit generator).</summary>
        public static IReadOnlyList<Generator> default_generators =>
            s_defaultGenerators ??= Enumerable.Range(0, device_count())
                .Select(i => new Generator(Native.pt_generator_default((int)DeviceType.CUDA, i))).ToArray();

        /// <summary>Waits for every queued kernel on the device: needed before timing GPU work.</summary>
        public static void synchronize(int device = 0) => Native.Check(Native.pt_cuda_synchronize(device));
    }

    public static class backends
    {
        public static class mkldnn
        {
            public static bool is_available() => Native.pt_has_mkldnn() != 0;
        }
    }
}

public static class ScalarTypeExtensions
{
    public static bool IsFloatingPoint(this ScalarType t) =>
        t is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    public static bool IsIntegral(this ScalarType t) =>
        t is ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64;

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType t) => t switch
    {
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "unknown dtype"),
    };
}
