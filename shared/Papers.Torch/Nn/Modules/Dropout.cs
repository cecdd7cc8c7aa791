using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>
    /// Srivastava et al. (2014): in training, zeroes each element with probability p and scales the survivors by
    /// 1 / (1 − p), so evaluation (the identity) needs no rescaling.
    /// </summary>
    public class Dropout : Module<Tensor, Tensor>
    {
        internal Dropout(double p) : base(nameof(Dropout))
        {
            if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, $"dropout probability has to be between 0 and 1, but got {p}");
            this.p = p;
        }

        public double p { get; }

        public override Tensor forward(Tensor input) => functional.dropout(input, p, training);

        public override string extra_repr() => $"p={Repr.Float(p)}, inplace=False";
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.Dropout Dropout(double p = 0.5) => new(p);
        }
    }
}
