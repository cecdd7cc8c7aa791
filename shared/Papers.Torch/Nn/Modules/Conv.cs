using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>
    /// What Conv2d and ConvTranspose2d share (PyTorch's _ConvNd): the settings, the weight
    /// ([out, in / groups, kH, kW], or [in, out / groups, kH, kW] when transposed) and its default initialisation.
    /// </summary>
    public abstract class ConvolutionBase : Module<Tensor, Tensor>
    {
        private protected ConvolutionBase(string name, long in_channels, long out_channels, (long, long) kernel_size, (long, long) stride,
            (long, long) padding, (long, long) dilation, bool transposed, (long, long) output_padding, long groups, bool bias,
            PaddingModes padding_mode, Device? device, ScalarType? dtype) : base(name)
        {
            if (groups <= 0) throw new ArgumentOutOfRangeException(nameof(groups), groups, "groups must be a positive integer");
            if (in_channels % groups != 0) throw new ArgumentException($"in_channels ({in_channels}) must be divisible by groups ({groups})");
            if (out_channels % groups != 0) throw new ArgumentException($"out_channels ({out_channels}) must be divisible by groups ({groups})");
            (this.in_channels, this.out_channels, this.kernel_size, this.stride) = (in_channels, out_channels, kernel_size, stride);
            (this.padding, this.dilation, this.output_padding, this.groups, this.padding_mode) = (padding, dilation, output_padding, groups, padding_mode);
            long[] shape = transposed
                ? [in_channels, out_channels / groups, kernel_size.Item1, kernel_size.Item2]
                : [out_channels, in_channels / groups, kernel_size.Item1, kernel_size.Item2];
            register_parameter(nameof(weight), new Parameter(empty(shape, dtype, device)));
            register_parameter(nameof(bias), bias ? new Parameter(empty([out_channels], dtype, device)) : null);
            reset_parameters();
        }

        public long in_channels { get; }

        public long out_channels { get; }

        public (long, long) kernel_size { get; }

        public (long, long) stride { get; }

        public (long, long) padding { get; }

        public (long, long) dilation { get; }

        public (long, long) output_padding { get; }

        public long groups { get; }

        public PaddingModes padding_mode { get; }

        public Parameter weight
        {
            get => ParameterOrNull(nameof(weight))!;
            set => register_parameter(nameof(weight), value);
        }

        public Parameter? bias
        {
            get => ParameterOrNull(nameof(bias));
            set => register_parameter(nameof(bias), value);
        }

        /// <summary>PyTorch's default, as for Linear (<see cref="init.reset_affine_"/>).</summary>
        public void reset_parameters() => init.reset_affine_(weight, bias);

        private protected static long[] Pair((long, long) p) => [p.Item1, p.Item2];

        public override string extra_repr()
        {
            var s = $"{in_channels}, {out_channels}, kernel_size={kernel_size}, stride={stride}";
            if (padding != (0, 0)) s += $", padding={padding}";
            if (dilation != (1, 1)) s += $", dilation={dilation}";
            if (output_padding != (0, 0)) s += $", output_padding={output_padding}";
            if (groups != 1) s += $", groups={groups}";
            if (bias is null) s += ", bias=False";
            if (padding_mode != PaddingModes.Zeros) s += $", padding_mode={padding_mode.ToString().ToLowerInvariant()}";
            return s;
        }
    }

    /// <summary>2-d cross-correlation over [N, C_in, H, W], zero- or reflection-padded.</summary>
    public class Conv2d : ConvolutionBase
    {
        internal Conv2d(long in_channels, long out_channels, (long, long) kernel_size, (long, long) stride, (long, long) padding,
            (long, long) dilation, long groups, bool bias, PaddingModes padding_mode, Device? device, ScalarType? dtype)
            : base(nameof(Conv2d), in_channels, out_channels, kernel_size, stride, padding, dilation, false, (0, 0), groups, bias,
                   CheckMode(padding_mode), device, dtype) { }

        private static PaddingModes CheckMode(PaddingModes mode) => mode is PaddingModes.Zeros or PaddingModes.Reflect
            ? mode
            : throw new ArgumentException($"Conv2d's padding_mode must be Zeros or Reflect, got {mode}");

        /// <summary>With Reflect, the input is reflection-padded first and the convolution itself pads nothing, as in PyTorch.</summary>
        public override Tensor forward(Tensor input)
        {
            if (padding_mode == PaddingModes.Zeros)
                return functional.conv2d(input, weight, bias, Pair(stride), Pair(padding), Pair(dilation), groups);
            var (ph, pw) = padding;
            using var padded = functional.pad(input, [pw, pw, ph, ph], padding_mode);
            return functional.conv2d(padded, weight, bias, Pair(stride), [0, 0], Pair(dilation), groups);
        }
    }

    /// <summary>
    /// The transpose (gradient) of Conv2d, which upsamples: H_out = (H − 1)·stride − 2·padding + dilation·(k − 1) +
    /// output_padding + 1. Only zero padding, as in PyTorch.
    /// </summary>
    public class ConvTranspose2d : ConvolutionBase
    {
        internal ConvTranspose2d(long in_channels, long out_channels, (long, long) kernel_size, (long, long) stride, (long, long) padding,
            (long, long) output_padding, long groups, bool bias, (long, long) dilation, Device? device, ScalarType? dtype)
            : base(nameof(ConvTranspose2d), in_channels, out_channels, kernel_size, stride, padding, dilation, true, output_padding, groups, bias,
                   PaddingModes.Zeros, device, dtype) { }

        public override Tensor forward(Tensor input) =>
            functional.conv_transpose2d(input, weight, bias, Pair(stride), Pair(padding), Pair(output_padding), groups, Pair(dilation));
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0,
                long dilation = 1, long groups = 1, bool bias = true, PaddingModes padding_mode = PaddingModes.Zeros,
                Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, (kernel_size, kernel_size), (stride, stride), (padding, padding), (dilation, dilation),
                    groups, bias, padding_mode, device, dtype);

            public static Modules.Conv2d Conv2d(long in_channels, long out_channels, (long, long) kernel_size, (long, long)? stride = null,
                (long, long)? padding = null, (long, long)? dilation = null, long groups = 1, bool bias = true,
                PaddingModes padding_mode = PaddingModes.Zeros, Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, kernel_size, stride ?? (1, 1), padding ?? (0, 0), dilation ?? (1, 1),
                    groups, bias, padding_mode, device, dtype);

            public static Modules.ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1,
                long padding = 0, long output_padding = 0, long groups = 1, bool bias = true, long dilation = 1,
                Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, (kernel_size, kernel_size), (stride, stride), (padding, padding),
                    (output_padding, output_padding), groups, bias, (dilation, dilation), device, dtype);

            public static Modules.ConvTranspose2d ConvTranspose2d(long in_channels, long out_channels, (long, long) kernel_size,
                (long, long)? stride = null, (long, long)? padding = null, (long, long)? output_padding = null, long groups = 1,
                bool bias = true, (long, long)? dilation = null, Device? device = null, ScalarType? dtype = null) =>
                new(in_channels, out_channels, kernel_size, stride ?? (1, 1), padding ?? (0, 0), output_padding ?? (0, 0),
                    groups, bias, dilation ?? (1, 1), device, dtype);
        }
    }
}
