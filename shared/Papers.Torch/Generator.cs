namespace Papers.Torch;

public static partial class torch
{
    /// <summary>A random number generator whose state can be saved and restored (exact resume).</summary>
    public sealed class Generator : IDisposable
    {
        internal IntPtr Handle { get; private set; }

        internal Generator(IntPtr handle) => Handle = Native.Check(handle);

        /// <summary>A new generator on <paramref name="device"/>, seeded with <paramref name="seed"/>.</summary>
        public Generator(ulong seed = 67280421310721UL, Device? device = null)
            : this(Native.pt_generator_new(seed, (int)(device?.type ?? DeviceType.CPU), device?.index ?? -1)) { }

        ~Generator() => Free();

        public Generator manual_seed(ulong seed)
        {
            Native.Check(Native.pt_generator_manual_seed(Handle, seed));
            return this;
        }

        public ulong initial_seed() => Native.pt_generator_initial_seed(Handle);

        /// <summary>The generator's full state as a uint8 tensor.</summary>
        public Tensor get_state() => new(Native.pt_generator_get_state(Handle));

        public Generator set_state(Tensor state)
        {
            Native.Check(Native.pt_generator_set_state(Handle, state.Handle));
            return this;
        }

        public void Dispose()
        {
            Free();
            GC.SuppressFinalize(this);
        }

        private void Free()
        {
            if (Handle == IntPtr.Zero) return;
            Native.pt_generator_free(Handle);
            Handle = IntPtr.Zero;
        }
    }

    /// <summary>The default CPU generator, which every random op without an explicit generator uses.</summary>
    public static Generator default_generator { get; } = new(Native.pt_generator_default((int)DeviceType.CPU, -1));

    /// <summary>Seeds the default CPU generator and, where present, every CUDA generator.</summary>
    public static void manual_seed(long seed)
    {
        default_generator.manual_seed((ulong)seed);
        foreach (var generator in cuda.default_generators) generator.manual_seed((ulong)seed);
    }
}
