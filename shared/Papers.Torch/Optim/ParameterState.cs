namespace Papers.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// What an optimizer keeps for one parameter between steps (PyTorch's <c>optimizer.state[p]</c>):
        /// tensors such as momentum_buffer or exp_avg, and numbers such as step. The optimizer owns the
        /// tensors: they belong to no dispose scope, so a per-step scope cannot free them.
        /// </summary>
        public sealed class ParameterState
        {
            private readonly SortedDictionary<string, Tensor> _tensors = new(StringComparer.Ordinal);

            public IReadOnlyDictionary<string, Tensor> Tensors => _tensors;

            public SortedDictionary<string, double> Scalars { get; } = new(StringComparer.Ordinal);

            public bool IsEmpty => _tensors.Count == 0 && Scalars.Count == 0;

            /// <summary>A state tensor by name. Setting one takes it out of its dispose scope and frees the one it replaces.</summary>
            public Tensor this[string name]
            {
                get => _tensors.TryGetValue(name, out var tensor)
                    ? tensor
                    : throw new KeyNotFoundException($"no state tensor '{name}'; this parameter has {Describe()}");
                set
                {
                    ArgumentNullException.ThrowIfNull(value);
                    value.DetachFromDisposeScope();
                    if (_tensors.TryGetValue(name, out var old) && !ReferenceEquals(old, value)) old.Dispose();
                    _tensors[name] = value;
                }
            }

            internal void Clear()
            {
                foreach (var tensor in _tensors.Values) tensor.Dispose();
                _tensors.Clear();
                Scalars.Clear();
            }

            private string Describe() => _tensors.Count == 0 ? "no state tensors" : string.Join(", ", _tensors.Keys);
        }
    }
}
