using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>
    /// What batch and instance norm share (PyTorch's _NormBase): an affine weight (ones) and bias (zeros) per channel,
    /// and, when tracking running statistics, the buffers running_mean (zeros), running_var (ones) and
    /// num_batches_tracked (int64 zero), registered in that order.
    /// </summary>
    public abstract class NormBase : Module<Tensor, Tensor>
    {
        private protected NormBase(string name, long num_features, double eps, double? momentum, bool affine, bool track_running_stats,
            Device? device, ScalarType? dtype) : base(name)
        {
            if (num_features <= 0) throw new ArgumentOutOfRangeException(nameof(num_features), num_features, $"{name} needs at least one feature");
            (this.num_features, this.eps, this.momentum, this.affine, this.track_running_stats) = (num_features, eps, momentum, affine, track_running_stats);
            register_parameter(nameof(weight), affine ? new Parameter(empty([num_features], dtype, device)) : null);
            register_parameter(nameof(bias), affine ? new Parameter(empty([num_features], dtype, device)) : null);
            if (track_running_stats)
            {
                register_buffer(nameof(running_mean), zeros([num_features], dtype, device));
                register_buffer(nameof(running_var), ones([num_features], dtype, device));
                register_buffer(nameof(num_batches_tracked), zeros([], ScalarType.Int64, device));
            }
            reset_parameters();
        }

        public long num_features { get; }

        public double eps { get; }

        /// <summary>The weight of the newest batch in the running statistics; null means a cumulative average (1 / batches seen).</summary>
        public double? momentum { get; }

        public bool affine { get; }

        public bool track_running_stats { get; }

        public Parameter? weight => ParameterOrNull(nameof(weight));

        public Parameter? bias => ParameterOrNull(nameof(bias));

        public Tensor? running_mean => BufferOrNull(nameof(running_mean));

        public Tensor? running_var => BufferOrNull(nameof(running_var));

        public Tensor? num_batches_tracked => BufferOrNull(nameof(num_batches_tracked));

        public void reset_running_stats()
        {
            using var noGrad = no_grad();
            running_mean?.zero_();
            running_var?.fill_(1);
            num_batches_tracked?.zero_();
        }

        public void reset_parameters()
        {
            reset_running_stats();
            if (weight is null || bias is null) return;
            init.ones_(weight);
            init.zeros_(bias);
        }

        private protected void CheckChannels(Tensor input, long featureDim)
        {
            if (input.size((int)featureDim) != num_features)
                throw new ArgumentException($"{GetName()}: expected input's size at dim={featureDim} to match num_features ({num_features}), " +
                                            $"but got: {input.size((int)featureDim)}.");
        }

        public override string extra_repr() =>
            $"{num_features}, eps={Repr.Float(eps)}, momentum={(momentum is { } m ? Repr.Float(m) : "None")}, affine={Repr.Bool(affine)}, " +
            $"track_running_stats={Repr.Bool(track_running_stats)}";

    }

    /// <summary>
    /// Ioffe and Szegedy (2015): y = (x − E[x]) / √(Var[x] + eps) · γ + β per channel (dimension 1). Training uses the
    /// batch's statistics and updates the running ones; evaluation uses the running ones (or the batch's, when not tracking).
    /// </summary>
    public abstract class BatchNorm : NormBase
    {
        private protected BatchNorm(string name, long num_features, double eps, double? momentum, bool affine, bool track_running_stats,
            Device? device, ScalarType? dtype) : base(name, num_features, eps, momentum, affine, track_running_stats, device, dtype) { }

        private protected abstract void CheckInputDim(Tensor input);

        /// <summary>PyTorch's _BatchNorm.forward: counts the batch, picks the averaging factor, then calls batch_norm.</summary>
        public override Tensor forward(Tensor input)
        {
            CheckInputDim(input);
            CheckChannels(input, 1);
            var factor = momentum ?? 0.0;
            if (training && num_batches_tracked is { } batches)
            {
                batches.add_(1);
                factor = momentum ?? 1.0 / batches.ToInt64();
            }
            var useBatchStats = training || running_mean is null;
            var useRunning = !training || track_running_stats;
            return functional.batch_norm(input, useRunning ? running_mean : null, useRunning ? running_var : null, weight, bias,
                useBatchStats, factor, eps);
        }
    }

    /// <summary>Batch norm over [N, C] or [N, C, L].</summary>
    public class BatchNorm1d : BatchNorm
    {
        internal BatchNorm1d(long num_features, double eps, double? momentum, bool affine, bool track_running_stats, Device? device, ScalarType? dtype)
            : base(nameof(BatchNorm1d), num_features, eps, momentum, affine, track_running_stats, device, dtype) { }

        private protected override void CheckInputDim(Tensor input)
        {
            if (input.dim() is not (2 or 3)) throw new ArgumentException($"expected 2D or 3D input (got {input.dim()}D input)");
        }
    }

    /// <summary>Batch norm over [N, C, H, W].</summary>
    public class BatchNorm2d : BatchNorm
    {
        internal BatchNorm2d(long num_features, double eps, double? momentum, bool affine, bool track_running_stats, Device? device, ScalarType? dtype)
            : base(nameof(BatchNorm2d), num_features, eps, momentum, affine, track_running_stats, device, dtype) { }

        private protected override void CheckInputDim(Tensor input)
        {
            if (input.dim() != 4) throw new ArgumentException($"expected 4D input (got {input.dim()}D input)");
        }
    }

    /// <summary>
    /// Ulyanov et al. (2016): normalises each (sample, channel) plane of [N, C, H, W] (or an unbatched [C, H, W]) by its
    /// own mean and variance. Without affine and running statistics by default, as in PyTorch.
    /// </summary>
    public class InstanceNorm2d : NormBase
    {
        internal InstanceNorm2d(long num_features, double eps, double momentum, bool affine, bool track_running_stats, Device? device, ScalarType? dtype)
            : base(nameof(InstanceNorm2d), num_features, eps, momentum, affine, track_running_stats, device, dtype) { }

        public override Tensor forward(Tensor input)
        {
            if (input.dim() is not (3 or 4)) throw new ArgumentException($"expected 3D or 4D input (got {input.dim()}D input)");
            CheckChannels(input, input.dim() - 3);
            var useInputStats = training || !track_running_stats;
            if (input.dim() == 4)
                return functional.instance_norm(input, running_mean, running_var, weight, bias, useInputStats, momentum!.Value, eps);
            using var batched = input.unsqueeze(0);
            using var output = functional.instance_norm(batched, running_mean, running_var, weight, bias, useInputStats, momentum!.Value, eps);
            return output.squeeze(0);
        }
    }

    /// <summary>
    /// Ba et al. (2016): normalises each sample over its last dimensions (normalized_shape) with the biased variance,
    /// then applies an elementwise weight (ones) and bias (zeros) of that shape.
    /// </summary>
    public class LayerNorm : Module<Tensor, Tensor>
    {
        internal LayerNorm(long[] normalized_shape, double eps, bool elementwise_affine, Device? device, ScalarType? dtype) : base(nameof(LayerNorm))
        {
            if (normalized_shape.Length == 0) throw new ArgumentException("LayerNorm needs a normalized_shape of at least one dimension");
            (this.normalized_shape, this.eps, this.elementwise_affine) = ((long[])normalized_shape.Clone(), eps, elementwise_affine);
            register_parameter(nameof(weight), elementwise_affine ? new Parameter(ones(normalized_shape, dtype, device)) : null);
            register_parameter(nameof(bias), elementwise_affine ? new Parameter(zeros(normalized_shape, dtype, device)) : null);
        }

        public long[] normalized_shape { get; }

        public double eps { get; }

        public bool elementwise_affine { get; }

        public Parameter? weight => ParameterOrNull(nameof(weight));

        public Parameter? bias => ParameterOrNull(nameof(bias));

        public override Tensor forward(Tensor input) => functional.layer_norm(input, normalized_shape, weight, bias, eps);

        public override string extra_repr() =>
            $"({string.Join(", ", normalized_shape)}{(normalized_shape.Length == 1 ? "," : "")}), eps={Repr.Float(eps)}, " +
            $"elementwise_affine={Repr.Bool(elementwise_affine)}";
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.BatchNorm1d BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
                bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) =>
                new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

            public static Modules.BatchNorm2d BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
                bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) =>
                new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

            public static Modules.InstanceNorm2d InstanceNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false,
                bool track_running_stats = false, Device? device = null, ScalarType? dtype = null) =>
                new(num_features, eps, momentum, affine, track_running_stats, device, dtype);

            public static Modules.LayerNorm LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true,
                Device? device = null, ScalarType? dtype = null) =>
                new([normalized_shape], eps, elementwise_affine, device, dtype);

            public static Modules.LayerNorm LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true,
                Device? device = null, ScalarType? dtype = null) =>
                new(normalized_shape, eps, elementwise_affine, device, dtype);
        }
    }
}
