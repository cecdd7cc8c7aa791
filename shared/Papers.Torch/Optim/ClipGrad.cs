namespace Papers.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class utils
        {
            /// <summary>
            /// Scales all gradients together so that their joint norm is at most <paramref name="max_norm"/>, as
            /// PyTorch 1.13's torch/nn/utils/clip_grad.py: the total norm is the norm of the per-parameter norms,
            /// and every gradient is multiplied by min(1, max_norm / (total_norm + 1e-6)). Parameters without a
            /// gradient are skipped. Returns the total norm before clipping (0 when no parameter has a gradient).
            /// </summary>
            /// <param name="norm_type">The p of the p-norm; <see cref="double.PositiveInfinity"/> for the largest |gradient|.</param>
            public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                if (!(max_norm >= 0)) throw new ArgumentOutOfRangeException(nameof(max_norm), max_norm, "max_norm must be non-negative");
                if (!(norm_type > 0)) throw new ArgumentOutOfRangeException(nameof(norm_type), norm_type, "norm_type must be positive or infinity");
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
                if (grads.Count == 0) return 0;
                var device = grads[0].device;
                var norms = grads.Select(g => (double.IsPositiveInfinity(norm_type) ? g.abs().max() : g.norm(norm_type)).to(device)).ToList();
                var totalNorm = double.IsPositiveInfinity(norm_type) ? stack(norms).max() : stack(norms).norm(norm_type);
                // clip_grad.py multiplies by the clamped coefficient even when it is 1: a no-op, bit for bit.
                var clipCoef = (max_norm / (totalNorm + 1e-6)).clamp_max(1.0);
                foreach (var grad in grads) grad.mul_(clipCoef.to(grad.device));
                return totalNorm.ToDouble();
            }

            /// <summary>Clamps every gradient elementwise into [−clip_value, clip_value]; parameters without a gradient are skipped.</summary>
            public static void clip_grad_value_(IEnumerable<Tensor> parameters, double clip_value)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                if (!(clip_value >= 0)) throw new ArgumentOutOfRangeException(nameof(clip_value), clip_value, "clip_value must be non-negative");
                using var scope = NewDisposeScope();
                foreach (var grad in parameters.Select(p => p.grad).OfType<Tensor>()) grad.clamp_(-clip_value, clip_value);
            }
        }
    }
}
