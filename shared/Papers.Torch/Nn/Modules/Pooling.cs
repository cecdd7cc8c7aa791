using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>The maximum over each kernel_size window of [N, C, H, W], moving by stride (default: the kernel size).</summary>
    public class MaxPool2d : Module<Tensor, Tensor>
    {
        internal MaxPool2d((long, long) kernel_size, (long, long)? stride, (long, long) padding, (long, long) dilation, bool ceil_mode)
            : base(nameof(MaxPool2d))
        {
            (this.kernel_size, this.stride, this.padding, this.dilation, this.ceil_mode) = (kernel_size, stride ?? kernel_size, padding, dilation, ceil_mode);
        }

        public (long, long) kernel_size { get; }

        public (long, long) stride { get; }

        public (long, long) padding { get; }

        public (long, long) dilation { get; }

        public bool ceil_mode { get; }

        public override Tensor forward(Tensor input) =>
            functional.max_pool2d(input, [kernel_size.Item1, kernel_size.Item2], [stride.Item1, stride.Item2],
                [padding.Item1, padding.Item2], [dilation.Item1, dilation.Item2], ceil_mode);

        public override string extra_repr() =>
            $"kernel_size={kernel_size}, stride={stride}, padding={padding}, dilation={dilation}, ceil_mode={Repr.Bool(ceil_mode)}";
    }

    /// <summary>The mean over each kernel_size window of [N, C, H, W], moving by stride (default: the kernel size).</summary>
    public class AvgPool2d : Module<Tensor, Tensor>
    {
        internal AvgPool2d((long, long) kernel_size, (long, long)? stride, (long, long) padding, bool ceil_mode, bool count_include_pad,
            long? divisor_override) : base(nameof(AvgPool2d))
        {
            (this.kernel_size, this.stride, this.padding) = (kernel_size, stride ?? kernel_size, padding);
            (this.ceil_mode, this.count_include_pad, this.divisor_override) = (ceil_mode, count_include_pad, divisor_override);
        }

        public (long, long) kernel_size { get; }

        public (long, long) stride { get; }

        public (long, long) padding { get; }

        public bool ceil_mode { get; }

        public bool count_include_pad { get; }

        public long? divisor_override { get; }

        public override Tensor forward(Tensor input) =>
            functional.avg_pool2d(input, [kernel_size.Item1, kernel_size.Item2], [stride.Item1, stride.Item2],
                [padding.Item1, padding.Item2], ceil_mode, count_include_pad, divisor_override);

        public override string extra_repr() => $"kernel_size={kernel_size}, stride={stride}, padding={padding}";
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.MaxPool2d MaxPool2d(long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                new((kernel_size, kernel_size), stride is { } s ? (s, s) : null, (padding, padding), (dilation, dilation), ceil_mode);

            public static Modules.MaxPool2d MaxPool2d((long, long) kernel_size, (long, long)? stride = null, (long, long)? padding = null,
                (long, long)? dilation = null, bool ceil_mode = false) =>
                new(kernel_size, stride, padding ?? (0, 0), dilation ?? (1, 1), ceil_mode);

            public static Modules.AvgPool2d AvgPool2d(long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false,
                bool count_include_pad = true, long? divisor_override = null) =>
                new((kernel_size, kernel_size), stride is { } s ? (s, s) : null, (padding, padding), ceil_mode, count_include_pad, divisor_override);

            public static Modules.AvgPool2d AvgPool2d((long, long) kernel_size, (long, long)? stride = null, (long, long)? padding = null,
                bool ceil_mode = false, bool count_include_pad = true, long? divisor_override = null) =>
                new(kernel_size, stride, padding ?? (0, 0), ceil_mode, count_include_pad, divisor_override);
        }
    }
}
