using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>y = x Wᵀ + b, with W: [out_features, in_features] and b: [out_features].</summary>
    public class Linear : Module<Tensor, Tensor>
    {
        internal Linear(long in_features, long out_features, bool bias, Device? device, ScalarType? dtype) : base(nameof(Linear))
        {
            if (in_features < 0 || out_features < 0)
                throw new ArgumentOutOfRangeException(nameof(in_features), $"Linear needs non-negative sizes, got in_features={in_features}, out_features={out_features}");
            this.in_features = in_features;
            this.out_features = out_features;
            register_parameter(nameof(weight), new Parameter(empty([out_features, in_features], dtype, device)));
            register_parameter(nameof(bias), bias ? new Parameter(empty([out_features], dtype, device)) : null);
            reset_parameters();
        }

        public long in_features { get; }

        public long out_features { get; }

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

        /// <summary>PyTorch's default (<see cref="init.reset_affine_"/>): the same draws in the same order as PyTorch.</summary>
        public void reset_parameters() => init.reset_affine_(weight, bias);

        public override Tensor forward(Tensor input) => functional.linear(input, weight, bias);

        public override string extra_repr() => $"in_features={in_features}, out_features={out_features}, bias={Repr.Bool(bias is not null)}";
    }

    /// <summary>Returns its input (a new handle to the same tensor): a placeholder where an architecture has no layer.</summary>
    public class Identity : Module<Tensor, Tensor>
    {
        internal Identity() : base(nameof(Identity)) { }

        public override Tensor forward(Tensor input) => input.alias();
    }

    /// <summary>Flattens dimensions start_dim..end_dim into one: [N, C, H, W] → [N, C·H·W] by default.</summary>
    public class Flatten : Module<Tensor, Tensor>
    {
        internal Flatten(long start_dim, long end_dim) : base(nameof(Flatten))
        {
            this.start_dim = start_dim;
            this.end_dim = end_dim;
        }

        public long start_dim { get; }

        public long end_dim { get; }

        public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);

        public override string extra_repr() => $"start_dim={start_dim}, end_dim={end_dim}";
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.Linear Linear(long in_features, long out_features, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new(in_features, out_features, bias, device, dtype);

            public static Modules.Identity Identity() => new();

            public static Modules.Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);
        }
    }
}
