using System.Collections;
using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>
    /// Layers applied in order, each to the previous one's output; its submodules are named "0", "1", ... unless
    /// given names. Intermediate outputs are disposed as soon as the next layer has consumed them (autograd keeps
    /// what backward needs), so only the last output is the caller's.
    /// </summary>
    public class Sequential : Module<Tensor, Tensor>, IReadOnlyList<Module<Tensor, Tensor>>
    {
        private readonly List<Module<Tensor, Tensor>> _layers = [];

        internal Sequential(IEnumerable<(string name, Module<Tensor, Tensor> module)> modules) : base(nameof(Sequential))
        {
            foreach (var (name, module) in modules) append(name, module);
        }

        public Module<Tensor, Tensor> this[int index] => _layers[index];

        public int Count => _layers.Count;

        /// <summary>Adds a layer at the end, named by its position.</summary>
        public Sequential append(Module<Tensor, Tensor> module) => append(_layers.Count.ToString(), module);

        public Sequential append(string name, Module<Tensor, Tensor> module)
        {
            if (ModuleOrNull(name) is not null) throw new ArgumentException($"Sequential already has a layer named '{name}'");
            register_module(name, module);
            _layers.Add(module);
            return this;
        }

        public override Tensor forward(Tensor input)
        {
            var x = input;
            foreach (var layer in _layers)
            {
                var y = layer.call(x);
                if (!ReferenceEquals(x, input) && !ReferenceEquals(x, y)) x.Dispose();
                x = y;
            }
            return ReferenceEquals(x, input) ? input.alias() : x;
        }

        public IEnumerator<Module<Tensor, Tensor>> GetEnumerator() => _layers.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A list of submodules, registered as "0", "1", ... so that their parameters belong to the owner; it has no forward.</summary>
    public class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
    {
        private readonly List<T> _items = [];

        internal ModuleList(IEnumerable<T> modules) : base(nameof(ModuleList<T>)) => extend(modules);

        public T this[int index] => _items[index];

        public int Count => _items.Count;

        public ModuleList<T> append(T module)
        {
            register_module(_items.Count.ToString(), module);
            _items.Add(module);
            return this;
        }

        public ModuleList<T> extend(IEnumerable<T> modules)
        {
            foreach (var module in modules) append(module);
            return this;
        }

        public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.Sequential Sequential(params Module<Tensor, Tensor>[] modules) =>
                new(modules.Select((m, i) => (i.ToString(), m)));

            /// <summary>A Sequential whose layers carry the given names, as PyTorch's Sequential(OrderedDict(...)).</summary>
            public static Modules.Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);

            public static Modules.ModuleList<T> ModuleList<T>(params T[] modules) where T : Module => new(modules);
        }
    }
}
