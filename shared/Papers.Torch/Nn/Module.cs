using System.Reflection;
using System.Text;

namespace Papers.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// The base of every layer and model, as torch.nn.Module: it owns the parameters, buffers and
        /// submodules registered on it, in registration order (the order of state_dict and parameters()).
        /// Registered tensors leave every dispose scope: they live until the module is disposed.
        /// </summary>
        public abstract partial class Module : IDisposable
        {
            private readonly string _name;
            private readonly OrderedDictionary<string, Parameter?> _parameters = new();
            private readonly OrderedDictionary<string, Tensor> _buffers = new();
            private readonly HashSet<string> _nonPersistent = new();
            private readonly OrderedDictionary<string, Module> _modules = new();

            /// <summary><paramref name="name"/> is the type's name, as printed (<c>nameof(Linear)</c>).</summary>
            protected Module(string name) => _name = name;

            public string GetName() => _name;

            // ---- registration ----

            /// <summary>
            /// Adds (or replaces) a parameter; null reserves the name, as PyTorch's <c>bias=None</c> does. A replaced
            /// parameter is not disposed (it may be shared): it belongs to the caller again.
            /// </summary>
            public void register_parameter(string name, Parameter? param)
            {
                CheckName(name, _parameters.ContainsKey(name));
                param?.DetachFromDisposeScope();
                _parameters[name] = param;
            }

            /// <summary>
            /// Adds (or replaces) a tensor that is state but not trained (running statistics). A buffer that is
            /// not <paramref name="persistent"/> moves with the module but stays out of state_dict.
            /// </summary>
            public void register_buffer(string name, Tensor tensor, bool persistent = true)
            {
                if (tensor is Parameter)
                    throw new ArgumentException($"'{name}' is a Parameter: register it with register_parameter, not as a buffer");
                CheckName(name, _buffers.ContainsKey(name));
                tensor.DetachFromDisposeScope();
                _buffers[name] = tensor;
                if (persistent) _nonPersistent.Remove(name);
                else _nonPersistent.Add(name);
            }

            /// <summary>Adds (or replaces) a submodule, whose parameters then appear under "<paramref name="name"/>.".</summary>
            public void register_module(string name, Module module)
            {
                if (ReferenceEquals(module, this)) throw new ArgumentException($"a module cannot be its own submodule ('{name}')");
                CheckName(name, _modules.ContainsKey(name));
                _modules[name] = module;
            }

            private void CheckName(string name, bool sameKind)
            {
                if (string.IsNullOrEmpty(name)) throw new ArgumentException($"{_name}: a registered name cannot be empty");
                if (name.Contains('.')) throw new ArgumentException($"{_name}: registered name '{name}' cannot contain '.'");
                var taken = _parameters.ContainsKey(name) || _buffers.ContainsKey(name) || _modules.ContainsKey(name);
                if (taken && !sameKind) throw new ArgumentException($"{_name}: attribute '{name}' already exists");
            }

            /// <summary>
            /// Registers this instance's fields as TorchSharp does: Parameter fields as parameters (a null one
            /// reserves the name), Module fields as submodules and other Tensor fields as buffers, base class
            /// first, in declaration order. A field's name loses its leading underscore; an auto-property
            /// registers under the property's name.
            /// </summary>
            protected virtual void RegisterComponents()
            {
                var hierarchy = new Stack<Type>();
                for (var type = GetType(); type != typeof(Module) && type is not null; type = type.BaseType) hierarchy.Push(type);
                foreach (var type in hierarchy)
                {
                    foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        var name = ComponentName(field.Name);
                        switch (field.GetValue(this))
                        {
                            case Parameter p: register_parameter(name, p); break;
                            case Module m: register_module(name, m); break;
                            case Tensor t: register_buffer(name, t); break;
                            case null when field.FieldType == typeof(Parameter): register_parameter(name, null); break;
                        }
                    }
                }
            }

            private static string ComponentName(string fieldName)
            {
                const string backing = ">k__BackingField";
                if (fieldName.StartsWith('<') && fieldName.EndsWith(backing, StringComparison.Ordinal))
                    return fieldName[1..^backing.Length];
                return fieldName.StartsWith('_') && fieldName.Length > 1 ? fieldName[1..] : fieldName;
            }

            /// <summary>The parameter registered here under <paramref name="name"/>, or null (none, or registered as null).</summary>
            protected Parameter? ParameterOrNull(string name) => _parameters.TryGetValue(name, out var p) ? p : null;

            /// <summary>The buffer registered here under <paramref name="name"/>, or null.</summary>
            protected Tensor? BufferOrNull(string name) => _buffers.TryGetValue(name, out var b) ? b : null;

            /// <summary>The submodule registered here under <paramref name="name"/>, or null.</summary>
            protected Module? ModuleOrNull(string name) => _modules.TryGetValue(name, out var m) ? m : null;

            // ---- traversal ----

            /// <summary>Direct submodules, in registration order.</summary>
            public IEnumerable<(string name, Module module)> named_children() =>
                _modules.Select(kv => (kv.Key, kv.Value));

            public IEnumerable<Module> children() => _modules.Values;

            /// <summary>This module ("") and every submodule below it, each once, with dotted names.</summary>
            public IEnumerable<(string name, Module module)> named_modules() => NamedModules("", new HashSet<Module>(ReferenceEqualityComparer.Instance));

            public IEnumerable<Module> modules() => named_modules().Select(m => m.module);

            private IEnumerable<(string name, Module module)> NamedModules(string prefix, HashSet<Module> seen)
            {
                if (!seen.Add(this)) yield break;
                yield return (prefix, this);
                foreach (var (name, child) in _modules)
                    foreach (var item in child.NamedModules(Dotted(prefix, name), seen))
                        yield return item;
            }

            private static string Dotted(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

            /// <summary>Parameters with dotted names ("layer1.weight"), own first, then each submodule's; a shared parameter once.</summary>
            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true) =>
                Members(recurse, m => m._parameters.Where(kv => kv.Value is not null).Select(kv => (kv.Key, (Parameter)kv.Value!)));

            public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

            /// <summary>Buffers with dotted names ("bn.running_mean"), persistent or not.</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true) =>
                Members(recurse, m => m._buffers.Select(kv => (kv.Key, kv.Value)));

            public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(b => b.buffer);

            private IEnumerable<(string, T)> Members<T>(bool recurse, Func<Module, IEnumerable<(string, T)>> own) where T : Tensor
            {
                var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                var scope = recurse ? named_modules() : [("", this)];
                foreach (var (prefix, module) in scope)
                    foreach (var (name, tensor) in own(module))
                        if (seen.Add(tensor)) yield return (Dotted(prefix, name), tensor);
            }

            /// <summary>The parameter at a dotted path ("encoder.0.weight").</summary>
            public Parameter get_parameter(string target)
            {
                var (owner, name) = Owner(target);
                return owner.ParameterOrNull(name) ?? throw new ArgumentException($"{owner._name} has no parameter '{name}' (looking up '{target}')");
            }

            /// <summary>The buffer at a dotted path ("bn.running_mean").</summary>
            public Tensor get_buffer(string target)
            {
                var (owner, name) = Owner(target);
                return owner.BufferOrNull(name) ?? throw new ArgumentException($"{owner._name} has no buffer '{name}' (looking up '{target}')");
            }

            /// <summary>The submodule at a dotted path ("encoder.0"); "" is this module.</summary>
            public Module get_submodule(string target)
            {
                var module = this;
                if (target.Length == 0) return module;
                foreach (var part in target.Split('.'))
                    module = module.ModuleOrNull(part) ?? throw new ArgumentException($"{module._name} has no submodule '{part}' (looking up '{target}')");
                return module;
            }

            private (Module owner, string name) Owner(string target)
            {
                var dot = target.LastIndexOf('.');
                return dot < 0 ? (this, target) : (get_submodule(target[..dot]), target[(dot + 1)..]);
            }

            // ---- printing ----

            /// <summary>The settings printed between the parentheses, as PyTorch's extra_repr.</summary>
            public virtual string extra_repr() => "";

            /// <summary>PyTorch's printout: the name, the settings, and each submodule indented under its name.</summary>
            public override string ToString()
            {
                var extra = extra_repr();
                var lines = extra.Length == 0 ? new List<string>() : extra.Split('\n').ToList();
                var settingsOnly = lines.Count == 1 && _modules.Count == 0;
                lines.AddRange(_modules.Select(kv => $"({kv.Key}): " + kv.Value.ToString().Replace("\n", "\n  ")));
                var text = new StringBuilder(_name).Append('(');
                if (settingsOnly) text.Append(lines[0]);
                else if (lines.Count > 0) text.Append("\n  ").Append(string.Join("\n  ", lines)).Append('\n');
                return text.Append(')').ToString();
            }
        }
    }
}
