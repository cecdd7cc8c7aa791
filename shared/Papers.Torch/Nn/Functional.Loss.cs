namespace Papers.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// −Σ_c y_c log softmax(x)_c per sample, x: [N, C] (or [N, C, d...]). <paramref name="target"/> holds class
            /// indices (int64, [N]) or class probabilities (same shape as x). With label smoothing ε the one-hot target
            /// becomes (1 − ε)·onehot + ε/C. Targets equal to <paramref name="ignore_index"/> count for nothing, and Mean
            /// divides by the summed class weights of the counted targets.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                Reduction reduction = Reduction.Mean, double label_smoothing = 0.0)
            {
                if (label_smoothing is < 0 or > 1)
                    throw new ArgumentOutOfRangeException(nameof(label_smoothing), label_smoothing, "label_smoothing must be between 0.0 and 1.0");
                return new Tensor(Native.pt_cross_entropy(input.Handle, target.Handle, OrNull(weight), Code(reduction, nameof(cross_entropy)),
                    ignore_index, label_smoothing));
            }

            /// <summary>−w[y]·x[y] per sample, for log-probabilities x: [N, C] (or [N, C, d...]) and class indices y.</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                Reduction reduction = Reduction.Mean) =>
                new(Native.pt_nll_loss(input.Handle, target.Handle, OrNull(weight), Code(reduction, nameof(nll_loss)), ignore_index));

            /// <summary>(x − y)². Unlike PyTorch, which broadcasts with a warning, differing shapes are an error.</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
            {
                SameShape(input, target, nameof(mse_loss));
                return new Tensor(Native.pt_mse_loss(input.Handle, target.Handle, Code(reduction, nameof(mse_loss))));
            }

            /// <summary>|x − y|. Unlike PyTorch, which broadcasts with a warning, differing shapes are an error.</summary>
            public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
            {
                SameShape(input, target, nameof(l1_loss));
                return new Tensor(Native.pt_l1_loss(input.Handle, target.Handle, Code(reduction, nameof(l1_loss))));
            }

            /// <summary>
            /// −w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))], computed stably from logits x; <paramref name="pos_weight"/> p
            /// (one per class, broadcast over the last dimension) weighs the positive term.
            /// </summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null,
                Reduction reduction = Reduction.Mean, Tensor? pos_weight = null)
            {
                SameShape(input, target, nameof(binary_cross_entropy_with_logits));
                return new Tensor(Native.pt_binary_cross_entropy_with_logits(input.Handle, target.Handle, OrNull(weight), OrNull(pos_weight),
                    Code(reduction, nameof(binary_cross_entropy_with_logits))));
            }

            /// <summary>−w·[y·log x + (1 − y)·log(1 − x)] for probabilities x; each log is clamped at −100, as in PyTorch.</summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
            {
                SameShape(input, target, nameof(binary_cross_entropy));
                return new Tensor(Native.pt_binary_cross_entropy(input.Handle, target.Handle, OrNull(weight), Code(reduction, nameof(binary_cross_entropy))));
            }

            /// <summary>
            /// Pointwise KL divergence y·(log y − x) with x = log q given as log-probabilities, and y = p as
            /// probabilities (or as log-probabilities with <paramref name="log_target"/>, then exp(y)·(y − x)).
            /// Mean averages over every element; BatchMean divides the sum by the batch size, which is KL(p‖q) per sample.
            /// </summary>
            public static Tensor kl_div(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool log_target = false)
            {
                if (reduction != Reduction.BatchMean)
                    return new Tensor(Native.pt_kl_div(input.Handle, target.Handle, (long)reduction, log_target ? 1 : 0));
                using var sum = new Tensor(Native.pt_kl_div(input.Handle, target.Handle, (long)Reduction.Sum, log_target ? 1 : 0));
                return input.dim() == 0 ? sum.alias() : sum / input.size(0);
            }

            private static long Code(Reduction reduction, string loss) => reduction switch
            {
                Reduction.None or Reduction.Mean or Reduction.Sum => (long)reduction,
                Reduction.BatchMean => throw new ArgumentException($"{loss}: Reduction.BatchMean applies to kl_div only"),
                _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"{loss}: unknown reduction"),
            };

            private static void SameShape(Tensor input, Tensor target, string loss)
            {
                if (!input.shape.SequenceEqual(target.shape))
                    throw new ArgumentException($"{loss}: target size [{string.Join(", ", target.shape)}] must be the same as input size " +
                                                $"[{string.Join(", ", input.shape)}]");
            }
        }
    }
}
