using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>Pads [N, C, H, W] (or [C, H, W]) by mirroring it at the border, without repeating the edge row or column.</summary>
    public class ReflectionPad2d : Module<Tensor, Tensor>
    {
        internal ReflectionPad2d((long left, long right, long top, long bottom) padding) : base(nameof(ReflectionPad2d)) => this.padding = padding;

        public (long left, long right, long top, long bottom) padding { get; }

        public override Tensor forward(Tensor input) =>
            functional.pad(input, [padding.left, padding.right, padding.top, padding.bottom], PaddingModes.Reflect);

        public override string extra_repr() => $"({padding.left}, {padding.right}, {padding.top}, {padding.bottom})";
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.ReflectionPad2d ReflectionPad2d(long padding) => new((padding, padding, padding, padding));

            /// <summary>Padding given as (left, right, top, bottom), as PyTorch's 4-tuple.</summary>
            public static Modules.ReflectionPad2d ReflectionPad2d((long left, long right, long top, long bottom) padding) => new(padding);
        }
    }
}
