namespace Papers.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// Parameters that share hyperparameters: one entry of PyTorch's <c>optimizer.param_groups</c>.
        /// Options left null take the optimizer's defaults when the group is handed to it (GCN, for
        /// instance, puts weight decay on its first layer only). From then on every option the optimizer
        /// uses is set and may be changed between steps, as learning-rate schedulers change <see cref="lr"/>.
        /// </summary>
        public sealed class ParamGroup
        {
            private readonly SortedDictionary<string, double> _options = new(StringComparer.Ordinal);

            public ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, double? weight_decay = null,
                double? momentum = null, double? dampening = null, bool? nesterov = null,
                double? beta1 = null, double? beta2 = null, double? eps = null, bool? amsgrad = null,
                double? alpha = null, bool? centered = null)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                this.parameters = parameters.ToList();
                Put(nameof(lr), lr);
                Put(nameof(weight_decay), weight_decay);
                Put(nameof(momentum), momentum);
                Put(nameof(dampening), dampening);
                Put(nameof(nesterov), Flag(nesterov));
                Put(nameof(beta1), beta1);
                Put(nameof(beta2), beta2);
                Put(nameof(eps), eps);
                Put(nameof(amsgrad), Flag(amsgrad));
                Put(nameof(alpha), alpha);
                Put(nameof(centered), Flag(centered));
            }

            public IReadOnlyList<Tensor> parameters { get; }

            /// <summary>Every option set on this group, by PyTorch's name; flags are 0 or 1.</summary>
            public IReadOnlyDictionary<string, double> options => _options;

            public double lr { get => Get(nameof(lr)); set => Set(nameof(lr), value); }
            public double weight_decay { get => Get(nameof(weight_decay)); set => Set(nameof(weight_decay), value); }
            public double momentum { get => Get(nameof(momentum)); set => Set(nameof(momentum), value); }
            public double dampening { get => Get(nameof(dampening)); set => Set(nameof(dampening), value); }
            public bool nesterov { get => Get(nameof(nesterov)) != 0; set => Set(nameof(nesterov), value ? 1 : 0); }
            public double beta1 { get => Get(nameof(beta1)); set => Set(nameof(beta1), value); }
            public double beta2 { get => Get(nameof(beta2)); set => Set(nameof(beta2), value); }
            public double eps { get => Get(nameof(eps)); set => Set(nameof(eps), value); }
            public bool amsgrad { get => Get(nameof(amsgrad)) != 0; set => Set(nameof(amsgrad), value ? 1 : 0); }
            public double alpha { get => Get(nameof(alpha)); set => Set(nameof(alpha), value); }
            public bool centered { get => Get(nameof(centered)) != 0; set => Set(nameof(centered), value ? 1 : 0); }

            /// <summary>The optimizer this group belongs to, once handed to one.</summary>
            internal Optimizer? Owner { get; set; }

            /// <summary>Sets an option by name, as a state dict or the owning optimizer's defaults do.</summary>
            internal void SetOption(string name, double value)
            {
                Validate(name, value);
                _options[name] = value;
            }

            private double Get(string name) => _options.TryGetValue(name, out var value)
                ? value
                : throw new InvalidOperationException(Owner is null
                    ? $"option '{name}' is not set on this parameter group; it takes the optimizer's default once handed to one"
                    : $"{Owner.GetType().Name} has no option '{name}'; its options are {string.Join(", ", _options.Keys)}");

            private void Set(string name, double value)
            {
                if (Owner is not null && !_options.ContainsKey(name))
                    throw new InvalidOperationException($"{Owner.GetType().Name} has no option '{name}'; its options are {string.Join(", ", _options.Keys)}");
                SetOption(name, value);
            }

            private void Put(string name, double? value)
            {
                if (value is { } v) SetOption(name, v);
            }

            private static double? Flag(bool? value) => value is null ? null : value.Value ? 1 : 0;

            // The ranges PyTorch's constructors check (torch/optim/sgd.py, adam.py, rmsprop.py), applied to every
            // group and to every later change rather than to the defaults only.
            internal static void Validate(string name, double value)
            {
                var (valid, range) = name switch
                {
                    nameof(beta1) or nameof(beta2) => (value >= 0 && value < 1, "in [0, 1)"),
                    nameof(nesterov) or nameof(amsgrad) or nameof(centered) => (value is 0 or 1, "0 or 1"),
                    _ => (value >= 0, "non-negative"),
                };
                if (!valid) throw new ArgumentOutOfRangeException(name, value, $"{name} must be {range}");
            }
        }
    }
}
