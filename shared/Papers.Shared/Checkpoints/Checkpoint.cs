using System.Globalization;
using System.Text.RegularExpressions;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Shared.Checkpoints;

/// <summary>
/// A training run's full state in one safetensors file, for exact resume: named modules' parameters and buffers,
/// named optimizers' and LR schedulers' state, the state of <c>torch.default_generator</c> (dropout, init) and of
/// named explicit generators (data order), the step and epoch counters, and a few <see cref="Extras"/> the loop
/// wants back (best validation loss). The file is written to a temporary name and renamed, so a crash or a kill
/// mid-save leaves the previous checkpoint as it was.
/// <code>
/// var checkpoint = new Checkpoint().Add(nameof(model), model).Add(nameof(optimizer), optimizer).Add("order", order);
/// checkpoint.Step = step;
/// checkpoint.Extras["best_val_loss"] = bestValLoss;
/// checkpoint.Save(path);
/// var start = checkpoint.Load(path);       // restores everything in place; continue from step `start`
/// </code>
/// The default generator of every CUDA device is saved too (dropout on a GPU), and restored where the resuming
/// machine has that device.
/// </summary>
public sealed partial class Checkpoint
{
    /// <summary>The format marker in the file's metadata: a safetensors file without it is not a checkpoint.</summary>
    public const string Format = "papers-checkpoint/1";

    private const string DefaultGeneratorKey = "default_generator";
    private const string CudaGeneratorPrefix = "cuda_generator.";

    private readonly List<(string Name, nn.Module Module)> _modules = [];
    private readonly List<(string Name, optim.Optimizer Optimizer)> _optimizers = [];
    private readonly List<(string Name, optim.lr_scheduler.LRScheduler Scheduler)> _schedulers = [];
    private readonly List<(string Name, Generator Generator)> _generators = [];

    /// <summary>Steps completed when the checkpoint was taken: the step a resumed loop starts from.</summary>
    public long Step { get; set; }

    /// <summary>Epochs completed, for loops that count both.</summary>
    public long Epoch { get; set; }

    /// <summary>
    /// Values the loop wants back besides tensors (best validation loss, epochs without improvement): doubles,
    /// floats, ints, longs, bools or strings, which read back as the same type and value, bit for bit.
    /// </summary>
    public Dictionary<string, object> Extras { get; } = new(StringComparer.Ordinal);

    /// <summary>Tracks a module's parameters and persistent buffers; loading copies into them in place.</summary>
    public Checkpoint Add(string name, nn.Module module) => Track(_modules, "module", name, module);

    /// <summary>Tracks an optimizer's per-parameter state and its groups' options.</summary>
    public Checkpoint Add(string name, optim.Optimizer optimizer) => Track(_optimizers, "optimizer", name, optimizer);

    /// <summary>Tracks an LR schedule's epoch and lrs.</summary>
    public Checkpoint Add(string name, optim.lr_scheduler.LRScheduler scheduler) => Track(_schedulers, "scheduler", name, scheduler);

    /// <summary>Tracks an explicit generator (data order, sampling). The default generator is always saved.</summary>
    public Checkpoint Add(string name, Generator generator)
    {
        if (ReferenceEquals(generator, default_generator))
            throw new ArgumentException("torch.default_generator is always in the checkpoint: add only explicit generators", nameof(generator));
        return Track(_generators, "generator", name, generator);
    }

    /// <summary>
    /// Raised at the start of every <see cref="Save"/>, before the extras are written: for extras that must be current
    /// in whichever save comes next, a stop's (Ctrl+C) between two scheduled saves included (<see cref="RunClock"/>).
    /// </summary>
    public event Action? Saving;

    /// <summary>Writes the state to <paramref name="path"/> atomically, creating its folder.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Saving?.Invoke();
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["step"] = Step.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = Epoch.ToString(CultureInfo.InvariantCulture),
            ["modules"] = string.Join(",", _modules.Select(m => m.Name)),
            ["optimizers"] = string.Join(",", _optimizers.Select(o => o.Name)),
            ["schedulers"] = string.Join(",", _schedulers.Select(s => s.Name)),
            ["generators"] = string.Join(",", _generators.Select(g => g.Name)),
        };
        foreach (var (name, value) in Extras) metadata[ExtraPrefix + name] = EncodeExtra(name, value);
        Capture(tensors, metadata, snapshot: false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        save(tensors, path, metadata);
    }

    /// <summary>
    /// The tracked objects' state as the file holds it. A <paramref name="snapshot"/> copies the modules' values,
    /// which are otherwise views of the live parameters, so that it survives a load into them.
    /// </summary>
    private void Capture(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata, bool snapshot)
    {
        foreach (var (name, module) in _modules)
            foreach (var (key, value) in module.state_dict())
                tensors[$"module.{name}.{key}"] = snapshot ? value.clone() : value;
        foreach (var (name, optimizer) in _optimizers) Flatten($"optimizer.{name}.", optimizer.state_dict(), tensors, metadata);
        foreach (var (name, scheduler) in _schedulers) Flatten($"scheduler.{name}.", scheduler.state_dict(), tensors, metadata);
        tensors[DefaultGeneratorKey] = default_generator.get_state();
        for (var i = 0; i < cuda.default_generators.Count; i++) tensors[CudaGeneratorPrefix + i] = cuda.default_generators[i].get_state();
        foreach (var (name, generator) in _generators) tensors[$"generator.{name}"] = generator.get_state();
    }

    /// <summary>Puts back what <see cref="Capture"/> took. Optimizers and schedulers check their own state dicts here, as they load.</summary>
    private void Restore(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        foreach (var (name, module) in _modules)
            InContext($"module '{name}'", () => module.load_state_dict(WithPrefix(tensors, $"module.{name}.")));
        foreach (var (name, optimizer) in _optimizers)
            InContext($"optimizer '{name}'", () => optimizer.load_state_dict(Unflatten($"optimizer.{name}.", tensors, metadata)));
        foreach (var (name, scheduler) in _schedulers)
            InContext($"scheduler '{name}'", () => scheduler.load_state_dict(Unflatten($"scheduler.{name}.", tensors, metadata)));
        default_generator.set_state(tensors[DefaultGeneratorKey]);
        for (var i = 0; i < cuda.default_generators.Count; i++)
            if (tensors.TryGetValue(CudaGeneratorPrefix + i, out var state)) cuda.default_generators[i].set_state(state);
        foreach (var (name, generator) in _generators) generator.set_state(tensors[$"generator.{name}"]);
    }

    /// <summary>Runs a load, prefixing its error with what was loading (module 'model').</summary>
    private static void InContext(string what, Action action)
    {
        try
        {
            action();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{what}: {e.Message}", e);
        }
    }

    private static void Flatten(string prefix, optim.StateDict state, Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        foreach (var (key, value) in state.Tensors) tensors[prefix + key] = value;
        // "R" prints the shortest text that parses back to the same double, as StateDict.Save does.
        foreach (var (key, value) in state.Scalars) metadata[prefix + key] = value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A state dict over the file's tensors (owned by the load's dispose scope, so it is not disposed here).</summary>
    private static optim.StateDict Unflatten(string prefix, Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        var state = new optim.StateDict();
        foreach (var (key, value) in WithPrefix(tensors, prefix)) state.Tensors[key] = value;
        foreach (var (key, text) in WithPrefix(metadata, prefix))
            state.Scalars[key] = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new ArgumentException($"'{prefix}{key}' is '{text}', not a number");
        return state;
    }

    private static Dictionary<string, T> WithPrefix<T>(Dictionary<string, T> entries, string prefix) =>
        entries.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);

    private Checkpoint Track<T>(List<(string Name, T Item)> items, string kind, string name, T item) where T : class
    {
        ArgumentNullException.ThrowIfNull(item);
        if (name is null || !ComponentName().IsMatch(name))
            throw new ArgumentException($"a {kind}'s name is letters, digits, '_' and '-' (it becomes part of the file's keys), not '{name}'", nameof(name));
        if (items.Any(i => i.Name == name)) throw new ArgumentException($"the checkpoint already has a {kind} named '{name}'", nameof(name));
        if (items.Any(i => ReferenceEquals(i.Item, item))) throw new ArgumentException($"this {kind} is already in the checkpoint", nameof(item));
        items.Add((name, item));
        return this;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ComponentName();
}
