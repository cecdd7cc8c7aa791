using System.Globalization;
using Papers.Torch.Modules;

namespace Papers.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Learning-rate schedules, as PyTorch 1.13's torch/optim/lr_scheduler.py, spelled as TorchSharp spells them.</summary>
        public static partial class lr_scheduler
        {
            /// <summary>Multiplies every group's lr by <paramref name="gamma"/> each <paramref name="step_size"/> epochs.</summary>
            public static StepLR StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) => new(optimizer, step_size, gamma);

            /// <summary>Sets every group's lr to its initial lr times <paramref name="lr_lambda"/>(epoch).</summary>
            public static LambdaLR LambdaLR(Optimizer optimizer, Func<int, double> lr_lambda) => new(optimizer, lr_lambda);

            /// <summary>
            /// The base of every schedule, after PyTorch's _LRScheduler: it remembers each group's lr at
            /// construction (base_lrs), counts epochs from 0, and on each <see cref="step"/> writes the lrs
            /// of the next epoch into the optimizer's groups. A subclass's constructor ends with
            /// <see cref="step"/>, as PyTorch's _initial_step does, so epoch 0's lrs are set on construction.
            /// </summary>
            public abstract class LRScheduler
            {
                private double[] _baseLrs;
                private double[] _lastLr = [];

                protected LRScheduler(Optimizer optimizer)
                {
                    ArgumentNullException.ThrowIfNull(optimizer);
                    this.optimizer = optimizer;
                    _baseLrs = optimizer.param_groups.Select(g => g.lr).ToArray();
                    last_epoch = -1;
                }

                public Optimizer optimizer { get; }

                /// <summary>The epoch whose lrs are in the optimizer: 0 after construction, +1 per step.</summary>
                public int last_epoch { get; private set; }

                /// <summary>Each group's lr when the schedule began.</summary>
                public IReadOnlyList<double> base_lrs => _baseLrs;

                /// <summary>The lrs the last step wrote, one per group.</summary>
                public IReadOnlyList<double> get_last_lr() => _lastLr;

                /// <summary>Advances one epoch and writes its lrs into the optimizer's groups.</summary>
                public void step()
                {
                    var groups = optimizer.param_groups;
                    if (groups.Count != _baseLrs.Length)
                        throw new InvalidOperationException($"the optimizer has {groups.Count} parameter groups, the schedule was made for {_baseLrs.Length}");
                    last_epoch++;
                    var lrs = get_lr();
                    for (var g = 0; g < groups.Count; g++) groups[g].lr = lrs[g];
                    _lastLr = groups.Select(g => g.lr).ToArray();
                }

                /// <summary>The lrs of epoch <see cref="last_epoch"/>, one per group, from the groups' current lrs or from base_lrs.</summary>
                protected abstract double[] get_lr();

                /// <summary>last_epoch, base_lrs.{g} and last_lr.{g}, plus the schedule's own hyperparameters.</summary>
                public virtual StateDict state_dict()
                {
                    var result = new StateDict();
                    result.Scalars[nameof(last_epoch)] = last_epoch;
                    for (var g = 0; g < _baseLrs.Length; g++) result.Scalars[$"base_lrs.{g}"] = _baseLrs[g];
                    for (var g = 0; g < _lastLr.Length; g++) result.Scalars[$"last_lr.{g}"] = _lastLr[g];
                    return result;
                }

                /// <summary>Resumes the schedule where <paramref name="state_dict"/> left it; the optimizer's lrs come from its own state dict.</summary>
                public virtual void load_state_dict(StateDict state_dict)
                {
                    ArgumentNullException.ThrowIfNull(state_dict);
                    var epoch = state_dict.Require(nameof(last_epoch));
                    var baseLrs = Column(state_dict, "base_lrs");
                    var lastLr = Column(state_dict, "last_lr");
                    if (baseLrs.Length != _baseLrs.Length || lastLr.Length != _baseLrs.Length)
                        throw new ArgumentException($"the state dict holds lrs for {baseLrs.Length} parameter groups, this schedule has {_baseLrs.Length}");
                    last_epoch = checked((int)epoch);
                    _baseLrs = baseLrs;
                    _lastLr = lastLr;
                }

                private static double[] Column(StateDict state_dict, string name)
                {
                    var values = new List<double>();
                    while (state_dict.Scalars.TryGetValue(string.Create(CultureInfo.InvariantCulture, $"{name}.{values.Count}"), out var value)) values.Add(value);
                    return values.ToArray();
                }
            }
        }
    }
}
