using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>
    /// A loss as a module of (input, target). Class weights are buffers, as in PyTorch: they move with the module,
    /// and the module owns them (it disposes them).
    /// </summary>
    public abstract class Loss : Module<Tensor, Tensor, Tensor>
    {
        private protected Loss(string name, Reduction reduction) : base(name) => this.reduction = reduction;

        public Reduction reduction { get; }

        private protected void RegisterOptional(string name, Tensor? tensor)
        {
            if (tensor is not null) register_buffer(name, tensor);
        }
    }

    /// <summary>functional.cross_entropy as a module.</summary>
    public class CrossEntropyLoss : Loss
    {
        internal CrossEntropyLoss(Tensor? weight, long ignore_index, Reduction reduction, double label_smoothing)
            : base(nameof(CrossEntropyLoss), reduction)
        {
            RegisterOptional(nameof(weight), weight);
            (this.ignore_index, this.label_smoothing) = (ignore_index, label_smoothing);
        }

        public Tensor? weight => BufferOrNull(nameof(weight));

        public long ignore_index { get; }

        public double label_smoothing { get; }

        public override Tensor forward(Tensor input, Tensor target) =>
            functional.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing);
    }

    /// <summary>functional.nll_loss as a module.</summary>
    public class NLLLoss : Loss
    {
        internal NLLLoss(Tensor? weight, long ignore_index, Reduction reduction) : base(nameof(NLLLoss), reduction)
        {
            RegisterOptional(nameof(weight), weight);
            this.ignore_index = ignore_index;
        }

        public Tensor? weight => BufferOrNull(nameof(weight));

        public long ignore_index { get; }

        public override Tensor forward(Tensor input, Tensor target) => functional.nll_loss(input, target, weight, ignore_index, reduction);
    }

    /// <summary>functional.mse_loss as a module.</summary>
    public class MSELoss : Loss
    {
        internal MSELoss(Reduction reduction) : base(nameof(MSELoss), reduction) { }

        public override Tensor forward(Tensor input, Tensor target) => functional.mse_loss(input, target, reduction);
    }

    /// <summary>functional.l1_loss as a module.</summary>
    public class L1Loss : Loss
    {
        internal L1Loss(Reduction reduction) : base(nameof(L1Loss), reduction) { }

        public override Tensor forward(Tensor input, Tensor target) => functional.l1_loss(input, target, reduction);
    }

    /// <summary>functional.binary_cross_entropy_with_logits as a module.</summary>
    public class BCEWithLogitsLoss : Loss
    {
        internal BCEWithLogitsLoss(Tensor? weight, Reduction reduction, Tensor? pos_weight) : base(nameof(BCEWithLogitsLoss), reduction)
        {
            RegisterOptional(nameof(weight), weight);
            RegisterOptional(nameof(pos_weight), pos_weight);
        }

        public Tensor? weight => BufferOrNull(nameof(weight));

        public Tensor? pos_weight => BufferOrNull(nameof(pos_weight));

        public override Tensor forward(Tensor input, Tensor target) =>
            functional.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight);
    }

    /// <summary>functional.binary_cross_entropy as a module.</summary>
    public class BCELoss : Loss
    {
        internal BCELoss(Tensor? weight, Reduction reduction) : base(nameof(BCELoss), reduction) => RegisterOptional(nameof(weight), weight);

        public Tensor? weight => BufferOrNull(nameof(weight));

        public override Tensor forward(Tensor input, Tensor target) => functional.binary_cross_entropy(input, target, weight, reduction);
    }

    /// <summary>functional.kl_div as a module; the input is log-probabilities.</summary>
    public class KLDivLoss : Loss
    {
        internal KLDivLoss(Reduction reduction, bool log_target) : base(nameof(KLDivLoss), reduction) => this.log_target = log_target;

        public bool log_target { get; }

        public override Tensor forward(Tensor input, Tensor target) => functional.kl_div(input, target, reduction, log_target);
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>A weight given here belongs to the loss module from now on (it is disposed with it).</summary>
            public static Modules.CrossEntropyLoss CrossEntropyLoss(Tensor? weight = null, long ignore_index = -100,
                Reduction reduction = Reduction.Mean, double label_smoothing = 0.0) =>
                new(weight, ignore_index, reduction, label_smoothing);

            public static Modules.NLLLoss NLLLoss(Tensor? weight = null, long ignore_index = -100, Reduction reduction = Reduction.Mean) =>
                new(weight, ignore_index, reduction);

            public static Modules.MSELoss MSELoss(Reduction reduction = Reduction.Mean) => new(reduction);

            public static Modules.L1Loss L1Loss(Reduction reduction = Reduction.Mean) => new(reduction);

            public static Modules.BCEWithLogitsLoss BCEWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean,
                Tensor? pos_weight = null) =>
                new(weight, reduction, pos_weight);

            public static Modules.BCELoss BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) => new(weight, reduction);

            public static Modules.KLDivLoss KLDivLoss(Reduction reduction = Reduction.Mean, bool log_target = false) => new(reduction, log_target);
        }
    }
}
