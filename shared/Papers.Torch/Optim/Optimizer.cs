using System.Globalization;

namespace Papers.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// The base of every optimizer, after PyTorch 1.13's torch/optim/optimizer.py: parameter groups with
        /// per-group options, per-parameter state, zero_grad, step and state_dict. A subclass writes the update
        /// of one parameter (PyTorch's single-tensor path); <see cref="step"/> runs it for every parameter
        /// that has a gradient, under no_grad and inside its own dispose scope, so a step leaves behind only
        /// the updated parameters and the optimizer's state. Disposing frees that state.
        /// </summary>
        public abstract class Optimizer : IDisposable
        {
            private readonly List<ParamGroup> _groups = [];
            private readonly Dictionary<Tensor, ParameterState> _state = new(ReferenceEqualityComparer.Instance);
            private readonly SortedDictionary<string, double> _defaults = new(StringComparer.Ordinal);
            private bool _disposed;

            /// <param name="parameters">The parameter groups; options they leave unset take <paramref name="defaults"/>.</param>
            /// <param name="defaults">Every option the optimizer reads, by PyTorch's name, with its value (flags as 0 or 1).</param>
            protected Optimizer(IEnumerable<ParamGroup> parameters, IReadOnlyDictionary<string, double> defaults)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                foreach (var (name, value) in defaults)
                {
                    ParamGroup.Validate(name, value);
                    _defaults[name] = value;
                }
                foreach (var group in parameters) add_param_group(group);
                if (_groups.Count == 0) throw new ArgumentException("optimizer got an empty parameter list", nameof(parameters));
            }

            public IReadOnlyList<ParamGroup> param_groups => _groups;

            /// <summary>The options a group takes when it leaves them unset.</summary>
            public IReadOnlyDictionary<string, double> defaults => _defaults;

            /// <summary>Per-parameter state, for parameters that have been stepped at least once.</summary>
            public IReadOnlyDictionary<Tensor, ParameterState> state => _state;

            private string Name => GetType().Name;

            public void add_param_group(ParamGroup param_group)
            {
                ArgumentNullException.ThrowIfNull(param_group);
                if (param_group.Owner is not null) throw new ArgumentException("this parameter group already belongs to an optimizer");
                if (param_group.parameters.Count == 0) throw new ArgumentException("a parameter group needs at least one parameter");
                var unknown = param_group.options.Keys.Where(name => !_defaults.ContainsKey(name)).ToList();
                if (unknown.Count > 0)
                    throw new ArgumentException($"{Name} has no option {string.Join(", ", unknown)}; its options are {string.Join(", ", _defaults.Keys)}");
                var seen = new HashSet<Tensor>(_groups.SelectMany(g => g.parameters), ReferenceEqualityComparer.Instance);
                foreach (var parameter in param_group.parameters)
                {
                    if (parameter is null) throw new ArgumentException("a parameter group holds a null parameter");
                    if (!parameter.is_leaf)
                        throw new ArgumentException("can't optimize a non-leaf Tensor: pass the leaf (a Parameter, or a tensor made with requires_grad), not a result computed from it");
                    if (!seen.Add(parameter)) throw new ArgumentException("some parameters appear more than once in the parameter groups");
                }
                foreach (var (name, value) in _defaults)
                    if (!param_group.options.ContainsKey(name)) param_group.SetOption(name, value);
                CheckGroup(param_group);
                param_group.Owner = this;
                _groups.Add(param_group);
            }

            /// <summary>Rules that tie a group's options together (SGD's nesterov needs momentum), checked when the group joins.</summary>
            protected virtual void CheckGroup(ParamGroup group) { }

            /// <summary>The update of one parameter with its gradient; runs under no_grad inside the step's dispose scope.</summary>
            protected abstract void Update(ParamGroup group, Tensor parameter, Tensor grad, ParameterState state);

            /// <summary>Sets every gradient to null, as PyTorch 2's zero_grad(set_to_none=True) does.</summary>
            public void zero_grad()
            {
                foreach (var group in _groups)
                    foreach (var parameter in group.parameters)
                        parameter.grad = null;
            }

            /// <summary>One update of every parameter that has a gradient; parameters without one are skipped.</summary>
            public void step()
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                foreach (var group in _groups)
                    foreach (var parameter in group.parameters)
                    {
                        var grad = parameter.grad;
                        if (grad is null) continue;
                        if (!_state.TryGetValue(parameter, out var state)) _state[parameter] = state = new ParameterState();
                        Update(group, parameter, grad, state);
                    }
            }

            /// <summary>
            /// A copy of the state, keyed as PyTorch packs it: parameters numbered across groups in order,
            /// "state.{i}.{name}" for their state, "param_groups.{g}.{option}" for the groups' options and
            /// "param_groups.{g}.param_count" for their sizes. The tensors are copies owned by the caller.
            /// </summary>
            public StateDict state_dict()
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                using var noGrad = no_grad();
                var result = new StateDict();
                var index = 0;
                for (var g = 0; g < _groups.Count; g++)
                {
                    var group = _groups[g];
                    result.Scalars[$"param_groups.{g}.param_count"] = group.parameters.Count;
                    foreach (var (name, value) in group.options) result.Scalars[$"param_groups.{g}.{name}"] = value;
                    foreach (var parameter in group.parameters)
                    {
                        if (_state.TryGetValue(parameter, out var state))
                        {
                            foreach (var (name, tensor) in state.Tensors) result.Tensors[$"state.{index}.{name}"] = tensor.clone();
                            foreach (var (name, value) in state.Scalars) result.Scalars[$"state.{index}.{name}"] = value;
                        }
                        index++;
                    }
                }
                return result;
            }

            /// <summary>
            /// Replaces the state and the groups' options with those of <paramref name="state_dict"/>, which must come
            /// from an optimizer of the same kind over parameters of the same shapes, in the same groups. The
            /// tensors are copied; floating-point state takes each parameter's dtype and device, as in PyTorch.
            /// </summary>
            public void load_state_dict(StateDict state_dict)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                ArgumentNullException.ThrowIfNull(state_dict);
                var parameters = _groups.SelectMany(g => g.parameters).ToList();
                var groupOptions = ReadGroupOptions(state_dict);
                var scalars = new Dictionary<int, Dictionary<string, double>>();
                var tensors = new Dictionary<int, Dictionary<string, Tensor>>();
                foreach (var (key, value) in state_dict.Scalars)
                {
                    if (key.StartsWith("param_groups.", StringComparison.Ordinal)) continue;
                    var (index, name) = ParseStateKey(key, parameters.Count);
                    Entry(scalars, index)[name] = value;
                }
                foreach (var (key, value) in state_dict.Tensors)
                {
                    var (index, name) = ParseStateKey(key, parameters.Count);
                    // Every state tensor of SGD, Adam and RMSprop has its parameter's shape: a mismatch means
                    // the state dict belongs to a model of other sizes.
                    if (!value.shape.SequenceEqual(parameters[index].shape))
                        throw new ArgumentException($"state dict entry '{key}' has shape [{string.Join(", ", value.shape)}], its parameter has shape [{string.Join(", ", parameters[index].shape)}]");
                    Entry(tensors, index)[name] = value;
                }

                foreach (var old in _state.Values) old.Clear();
                _state.Clear();
                for (var g = 0; g < _groups.Count; g++)
                    foreach (var (name, value) in groupOptions[g]) _groups[g].SetOption(name, value);
                using var noGrad = no_grad();
                foreach (var index in scalars.Keys.Union(tensors.Keys))
                {
                    var parameter = parameters[index];
                    var state = new ParameterState();
                    if (scalars.TryGetValue(index, out var numbers))
                        foreach (var (name, value) in numbers) state.Scalars[name] = value;
                    if (tensors.TryGetValue(index, out var named))
                        foreach (var (name, value) in named) state[name] = CastLike(value, parameter);
                    _state[parameter] = state;
                }
            }

            private List<SortedDictionary<string, double>> ReadGroupOptions(StateDict state_dict)
            {
                var groupCount = state_dict.Scalars.Keys.Count(k => k.StartsWith("param_groups.", StringComparison.Ordinal) && k.EndsWith(".param_count", StringComparison.Ordinal));
                if (groupCount != _groups.Count)
                    throw new ArgumentException($"the state dict has {groupCount} parameter groups, this {Name} has {_groups.Count}");
                var result = new List<SortedDictionary<string, double>>();
                for (var g = 0; g < _groups.Count; g++)
                {
                    var prefix = $"param_groups.{g}.";
                    var count = state_dict.Require(prefix + "param_count");
                    if (count != _groups[g].parameters.Count)
                        throw new ArgumentException($"parameter group {g} of the state dict holds {count} parameters, this {Name}'s holds {_groups[g].parameters.Count}");
                    var options = new SortedDictionary<string, double>(StringComparer.Ordinal);
                    foreach (var (key, value) in state_dict.Scalars)
                        if (key.StartsWith(prefix, StringComparison.Ordinal) && key != prefix + "param_count")
                        {
                            ParamGroup.Validate(key[prefix.Length..], value);
                            options[key[prefix.Length..]] = value;
                        }
                    if (!options.Keys.SequenceEqual(_defaults.Keys))
                        throw new ArgumentException($"parameter group {g} of the state dict has options {string.Join(", ", options.Keys)}; {Name} has {string.Join(", ", _defaults.Keys)}");
                    result.Add(options);
                }
                return result;
            }

            private (int index, string name) ParseStateKey(string key, int parameterCount)
            {
                var parts = key.Split('.', 3);
                if (parts.Length == 3 && parts[0] == "state" && parts[2].Length > 0
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < parameterCount && parts[1] == index.ToString(CultureInfo.InvariantCulture))
                    return (index, parts[2]);
                throw new ArgumentException($"unexpected entry '{key}' in a state dict for this {Name} of {parameterCount} parameters");
            }

            private static Dictionary<string, T> Entry<T>(Dictionary<int, Dictionary<string, T>> entries, int index) =>
                entries.TryGetValue(index, out var entry) ? entry : entries[index] = new Dictionary<string, T>(StringComparer.Ordinal);

            private static Tensor CastLike(Tensor value, Tensor parameter)
            {
                using var moved = value.is_floating_point() ? value.to(parameter.dtype, parameter.device) : value.to(parameter.device);
                return moved.clone();
            }

            public void Dispose()
            {
                if (_disposed) return;
                _disposed = true;
                foreach (var state in _state.Values) state.Clear();
                _state.Clear();
            }
        }
    }
}
