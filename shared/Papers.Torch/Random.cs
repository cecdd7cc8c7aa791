namespace Papers.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Fills with U(from, to) in place.</summary>
        public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null) =>
            InPlace(Native.pt_uniform_(Handle, from, to, generator?.Handle ?? IntPtr.Zero));

        /// <summary>Fills with N(mean, std²) in place.</summary>
        public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null) =>
            InPlace(Native.pt_normal_(Handle, mean, std, generator?.Handle ?? IntPtr.Zero));

        /// <summary>Fills with Bernoulli(p) draws (0 or 1) in place.</summary>
        public Tensor bernoulli_(double p = 0.5, Generator? generator = null) =>
            InPlace(Native.pt_bernoulli_p_(Handle, p, generator?.Handle ?? IntPtr.Zero));

        /// <summary>One Bernoulli draw per element, with this tensor's values as the probabilities.</summary>
        public Tensor bernoulli(Generator? generator = null) => Wrap(Native.pt_bernoulli(Handle, generator?.Handle ?? IntPtr.Zero));

        /// <summary>Draws <paramref name="num_samples"/> indices per row from the (unnormalised) probabilities in this tensor.</summary>
        public Tensor multinomial(long num_samples, bool replacement = false, Generator? generator = null) =>
            Wrap(Native.pt_multinomial(Handle, num_samples, replacement ? 1 : 0, generator?.Handle ?? IntPtr.Zero));
    }

    public static Tensor bernoulli(Tensor probs, Generator? generator = null) => probs.bernoulli(generator);

    public static Tensor multinomial(Tensor probs, long num_samples, bool replacement = false, Generator? generator = null) =>
        probs.multinomial(num_samples, replacement, generator);

    /// <summary>Elementwise N(mean, std²) with tensor-valued mean and std.</summary>
    public static Tensor normal(Tensor mean, Tensor std, Generator? generator = null) =>
        new(Native.pt_normal_t(mean.Handle, std.Handle, generator?.Handle ?? IntPtr.Zero));
}
