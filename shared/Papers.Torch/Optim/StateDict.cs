using System.Globalization;

namespace Papers.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// The state of an optimizer or a scheduler, flattened for storage: tensors by name
        /// ("state.0.exp_avg") and numbers by name ("state.0.step", "param_groups.0.lr"). Both halves are
        /// plain dictionaries, so the tensors go to safetensors and the numbers to its metadata or to JSON.
        /// Disposing frees the tensors.
        /// </summary>
        public sealed class StateDict : IDisposable
        {
            public Dictionary<string, Tensor> Tensors { get; } = new(StringComparer.Ordinal);

            public SortedDictionary<string, double> Scalars { get; } = new(StringComparer.Ordinal);

            /// <summary>Writes the tensors as a safetensors file with the numbers as its metadata, written so they read back bit for bit.</summary>
            public void Save(string path) =>
                save(Tensors, path, Scalars.ToDictionary(kv => kv.Key, kv => kv.Value.ToString("R", CultureInfo.InvariantCulture)));

            /// <summary>Reads what <see cref="Save"/> wrote.</summary>
            public static StateDict Load(string path)
            {
                var result = new StateDict();
                var tensors = load(path, out var metadata);
                foreach (var (name, tensor) in tensors) result.Tensors[name] = tensor;
                foreach (var (name, text) in metadata)
                {
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    {
                        result.Dispose();
                        throw new InvalidDataException($"{path}: metadata '{name}' is '{text}', not a number: the file does not hold a state dict");
                    }
                    result.Scalars[name] = value;
                }
                return result;
            }

            internal double Require(string name) => Scalars.TryGetValue(name, out var value)
                ? value
                : throw new ArgumentException($"the state dict has no '{name}'");

            public void Dispose()
            {
                foreach (var tensor in Tensors.Values) tensor.Dispose();
                Tensors.Clear();
            }
        }
    }
}
