using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>max(0, x).</summary>
    public class ReLU : Module<Tensor, Tensor>
    {
        internal ReLU() : base(nameof(ReLU)) { }

        public override Tensor forward(Tensor input) => functional.relu(input);
    }

    /// <summary>x for x ≥ 0, negative_slope · x otherwise.</summary>
    public class LeakyReLU : Module<Tensor, Tensor>
    {
        internal LeakyReLU(double negative_slope) : base(nameof(LeakyReLU)) => this.negative_slope = negative_slope;

        public double negative_slope { get; }

        public override Tensor forward(Tensor input) => functional.leaky_relu(input, negative_slope);

        public override string extra_repr() => $"negative_slope={Repr.Float(negative_slope)}";
    }

    /// <summary>x for x > 0, α(eˣ − 1) otherwise.</summary>
    public class ELU : Module<Tensor, Tensor>
    {
        internal ELU(double alpha) : base(nameof(ELU)) => this.alpha = alpha;

        public double alpha { get; }

        public override Tensor forward(Tensor input) => functional.elu(input, alpha);

        public override string extra_repr() => $"alpha={Repr.Float(alpha)}";
    }

    public class Tanh : Module<Tensor, Tensor>
    {
        internal Tanh() : base(nameof(Tanh)) { }

        public override Tensor forward(Tensor input) => functional.tanh(input);
    }

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    public class Sigmoid : Module<Tensor, Tensor>
    {
        internal Sigmoid() : base(nameof(Sigmoid)) { }

        public override Tensor forward(Tensor input) => functional.sigmoid(input);
    }

    /// <summary>(1/β) log(1 + exp(βx)), reverting to x where βx > threshold for numerical stability.</summary>
    public class Softplus : Module<Tensor, Tensor>
    {
        internal Softplus(double beta, double threshold) : base(nameof(Softplus)) => (this.beta, this.threshold) = (beta, threshold);

        public double beta { get; }

        public double threshold { get; }

        public override Tensor forward(Tensor input) => functional.softplus(input, beta, threshold);

        public override string extra_repr() => $"beta={Repr.Float(beta)}, threshold={Repr.Float(threshold)}";
    }

    /// <summary>exp(xᵢ) / Σⱼ exp(xⱼ) along dim.</summary>
    public class Softmax : Module<Tensor, Tensor>
    {
        internal Softmax(long dim) : base(nameof(Softmax)) => this.dim = dim;

        public long dim { get; }

        public override Tensor forward(Tensor input) => functional.softmax(input, dim);

        public override string extra_repr() => $"dim={dim}";
    }

    /// <summary>xᵢ − log Σⱼ exp(xⱼ) along dim.</summary>
    public class LogSoftmax : Module<Tensor, Tensor>
    {
        internal LogSoftmax(long dim) : base(nameof(LogSoftmax)) => this.dim = dim;

        public long dim { get; }

        public override Tensor forward(Tensor input) => functional.log_softmax(input, dim);

        public override string extra_repr() => $"dim={dim}";
    }

    /// <summary>Hendrycks and Gimpel (2016): x Φ(x), or its tanh approximation with approximate "tanh".</summary>
    public class GELU : Module<Tensor, Tensor>
    {
        internal GELU(string approximate) : base(nameof(GELU))
        {
            if (approximate is not ("none" or "tanh"))
                throw new ArgumentException($"approximate argument must be either none or tanh, got '{approximate}'");
            this.approximate = approximate;
        }

        public string approximate { get; }

        public override Tensor forward(Tensor input) => functional.gelu(input, approximate);

        public override string extra_repr() => $"approximate='{approximate}'";
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.ReLU ReLU() => new();

            public static Modules.LeakyReLU LeakyReLU(double negative_slope = 0.01) => new(negative_slope);

            public static Modules.ELU ELU(double alpha = 1.0) => new(alpha);

            public static Modules.Tanh Tanh() => new();

            public static Modules.Sigmoid Sigmoid() => new();

            public static Modules.Softplus Softplus(double beta = 1, double threshold = 20) => new(beta, threshold);

            public static Modules.Softmax Softmax(long dim) => new(dim);

            public static Modules.LogSoftmax LogSoftmax(long dim) => new(dim);

            public static Modules.GELU GELU(string approximate = "none") => new(approximate);
        }
    }
}
