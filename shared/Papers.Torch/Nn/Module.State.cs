namespace Papers.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            private bool _disposed;

            /// <summary>True until <see cref="eval"/>: dropout drops and batch norm uses batch statistics.</summary>
            public bool training { get; private set; } = true;

            /// <summary>Switches this module and every submodule to training (or, with false, evaluation) mode.</summary>
            public virtual void train(bool mode = true)
            {
                training = mode;
                foreach (var child in _modules.Values) child.train(mode);
            }

            public void eval() => train(false);

            /// <summary>
            /// Clears every parameter's gradient: to null by default, as PyTorch 2's set_to_none (the next
            /// backward then writes instead of accumulating), or to zeros in place.
            /// </summary>
            public virtual void zero_grad(bool set_to_none = true)
            {
                using var noGrad = no_grad();
                foreach (var p in parameters())
                {
                    if (set_to_none)
                    {
                        p.grad = null;
                        continue;
                    }
                    using var g = p.grad;
                    g?.zero_();
                }
            }

            // ---- state ----

            /// <summary>
            /// Parameters and persistent buffers by dotted name, in PyTorch's order: a module's own parameters,
            /// then its own buffers, then each submodule's entries. The values are detached handles sharing the
            /// module's storage, owned by the caller (and by the dispose scope open at the call).
            /// </summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var state = new Dictionary<string, Tensor>();
                VisitState("", (name, t) => state[name] = t.detach());
                return state;
            }

            private void VisitState(string prefix, Action<string, Tensor> visit)
            {
                foreach (var (name, p) in _parameters)
                    if (p is not null) visit(prefix + name, p);
                foreach (var (name, b) in _buffers)
                    if (!_nonPersistent.Contains(name)) visit(prefix + name, b);
                foreach (var (name, child) in _modules) child.VisitState(prefix + name + ".", visit);
            }

            /// <summary>
            /// Copies <paramref name="state_dict"/>'s values into this module's parameters and buffers, in place and
            /// without recording gradients, so references to them (an optimizer's) stay valid. Nothing is copied when
            /// anything is wrong: a shape mismatch always throws, and with <paramref name="strict"/> so do missing and
            /// unexpected keys (PyTorch's messages). Returns the missing and unexpected keys.
            /// </summary>
            public (IList<string> missing_keys, IList<string> unexpected_keys) load_state_dict(
                IReadOnlyDictionary<string, Tensor> state_dict, bool strict = true)
            {
                var own = new Dictionary<string, Tensor>();
                VisitState("", (name, t) => own[name] = t);
                var missing = own.Keys.Where(k => !state_dict.ContainsKey(k)).ToList();
                var unexpected = state_dict.Keys.Where(k => !own.ContainsKey(k)).ToList();

                var errors = new List<string>();
                if (strict && missing.Count > 0) errors.Add($"Missing key(s) in state_dict: {Quoted(missing)}.");
                if (strict && unexpected.Count > 0) errors.Add($"Unexpected key(s) in state_dict: {Quoted(unexpected)}.");
                foreach (var (name, target) in own)
                {
                    if (state_dict.TryGetValue(name, out var source) && !source.shape.SequenceEqual(target.shape))
                        errors.Add($"size mismatch for {name}: copying a param with shape {Shape(source)} from checkpoint, " +
                                   $"the shape in current model is {Shape(target)}.");
                }
                if (errors.Count > 0)
                    throw new ArgumentException($"Error(s) in loading state_dict for {_name}:\n\t" + string.Join("\n\t", errors));

                using (no_grad())
                {
                    foreach (var (name, target) in own)
                        if (state_dict.TryGetValue(name, out var source)) target.copy_(source);
                }
                return (missing, unexpected);
            }

            private static string Quoted(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"\"{k}\""));

            private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";

            // ---- moving ----

            /// <summary>
            /// Replaces the data of every parameter (and its gradient) and buffer with <paramref name="convert"/>'s
            /// result, keeping each tensor's identity as PyTorch's <c>param.data = fn(param)</c> does, so that an
            /// optimizer built before the move still holds the module's parameters. Null means "leave as is".
            /// </summary>
            internal void ConvertInPlace(Func<Tensor, Tensor?> convert)
            {
                using var noGrad = no_grad();
                foreach (var module in modules())
                {
                    foreach (var p in module._parameters.Values)
                    {
                        if (p is null) continue;
                        Replace(p, convert);
                        using var grad = p.grad;
                        if (grad is null) continue;
                        using var converted = convert(grad);
                        if (converted is not null) p.grad = converted;
                    }
                    foreach (var b in module._buffers.Values) Replace(b, convert);
                }
            }

            private static void Replace(Tensor t, Func<Tensor, Tensor?> convert)
            {
                using var converted = convert(t);
                if (converted is not null) t.set_data(converted);
            }

            // ---- lifetime ----

            /// <summary>Disposes every registered parameter and buffer, and every submodule.</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            protected virtual void Dispose(bool disposing)
            {
                if (_disposed || !disposing) return;
                _disposed = true;
                foreach (var child in _modules.Values) child.Dispose();
                foreach (var p in _parameters.Values) p?.Dispose();
                foreach (var b in _buffers.Values) b.Dispose();
            }
        }

        /// <summary>A module whose forward maps one input to one output.</summary>
        public abstract class Module<T, TResult> : Module
        {
            protected Module(string name) : base(name) { }

            public abstract TResult forward(T input);

            /// <summary>Runs <see cref="forward"/>, as calling a PyTorch module does.</summary>
            public TResult call(T input) => forward(input);
        }

        /// <summary>A module whose forward takes two inputs (a loss: input and target; a cell: input and state).</summary>
        public abstract class Module<T1, T2, TResult> : Module
        {
            protected Module(string name) : base(name) { }

            public abstract TResult forward(T1 input1, T2 input2);

            public TResult call(T1 input1, T2 input2) => forward(input1, input2);
        }
    }
}

/// <summary>Moves and converts modules in place, returning the module itself typed as it was, as TorchSharp does.</summary>
public static class ModuleExtensionMethods
{
    /// <summary>
    /// Converts floating-point parameters and buffers to <paramref name="dtype"/>; integer buffers (num_batches_tracked)
    /// keep their type, as in PyTorch.
    /// </summary>
    public static T to<T>(this T module, ScalarType dtype) where T : torch.nn.Module
    {
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"Module.to only accepts floating point dtypes, but got desired dtype={dtype}");
        module.ConvertInPlace(t => t.is_floating_point() ? t.to(dtype) : null);
        return module;
    }

    public static T to<T>(this T module, Device device) where T : torch.nn.Module
    {
        module.ConvertInPlace(t => t.to(device));
        return module;
    }

    public static T to<T>(this T module, string device) where T : torch.nn.Module => module.to(Device.Parse(device));

    public static T cpu<T>(this T module) where T : torch.nn.Module => module.to(torch.CPU);

    public static T cuda<T>(this T module, int index = 0) where T : torch.nn.Module => module.to(new Device(DeviceType.CUDA, index));
}
