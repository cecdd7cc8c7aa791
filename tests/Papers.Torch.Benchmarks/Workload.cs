using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks;

/// <summary>
/// One unit of a paper's work (a training step, an epoch, an episode), timed alike from C# and from PyTorch 1.13 in
/// Python (scripts/bench/workloads/&lt;name&gt;.py), which calls the same libtorch. <see cref="Prepare"/> writes the
/// inputs both sides start from (data and initial parameters) to <c>inputs.safetensors</c>, so that the two compute
/// the same numbers: the losses each side reports for its first steps are compared in every benchmark run.
/// </summary>
public abstract class Workload
{
    /// <summary>The name on the command line and of the Python twin (<c>tiny-op</c> → <c>tiny_op.py</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What one step is, in a few words.</summary>
    public abstract string Description { get; }

    /// <summary>The unit a step's time is given in (<c>step</c>, <c>epoch</c>, <c>1000 ops</c>).</summary>
    public virtual string Unit => "step";

    /// <summary>Untimed steps before the timed ones (allocator, caches and thread pools warm up).</summary>
    public virtual int Warmup => 20;

    /// <summary>Timed steps in one process.</summary>
    public virtual int Steps => 100;

    /// <summary>
    /// The time ours may take as a fraction of PyTorch's (0.7 for the small-op workloads, where the
    /// cost is in calls and allocations, 1.02 for the conv-heavy ones, where both wait on the same kernels); none
    /// where the workload is a yardstick (tiny-op, mlp) or a step the targets do not name (Q-Prop's policy step).
    /// </summary>
    public virtual double? TargetRatio => null;

    /// <summary>Writes the inputs both sides load to <c>inputs.safetensors</c> in <paramref name="folder"/>.</summary>
    public abstract void Prepare(string folder);

    /// <summary>Loads the inputs from <paramref name="folder"/> and returns one step, which returns its loss.</summary>
    public abstract Func<double> Build(string folder);

    public const string InputsFile = "inputs.safetensors";

    /// <summary>Every workload in this assembly, by name.</summary>
    public static IReadOnlyDictionary<string, Workload> All { get; } = typeof(Workload).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Workload)) && !t.IsAbstract)
        .Select(t => (Workload)Activator.CreateInstance(t)!)
        .OrderBy(w => w.Name, StringComparer.Ordinal)
        .ToDictionary(w => w.Name, StringComparer.Ordinal);

    /// <summary>The workload called <paramref name="name"/>, or an error listing the ones there are.</summary>
    public static Workload Find(string name) => All.TryGetValue(name, out var w) ? w
        : throw new ArgumentException($"no workload '{name}'; there are: {string.Join(", ", All.Keys)}");

    /// <summary>The inputs <see cref="Prepare"/> wrote to <paramref name="folder"/>; the caller owns them.</summary>
    protected static Dictionary<string, Tensor> LoadInputs(string folder)
    {
        var path = Path.Combine(folder, InputsFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: write it with 'prepare <workload> {folder}'", path);
        return torch.load(path);
    }

    /// <summary>Writes <paramref name="tensors"/> as the inputs in <paramref name="folder"/>, creating it.</summary>
    protected static void SaveInputs(string folder, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Directory.CreateDirectory(folder);
        torch.save(tensors, Path.Combine(folder, InputsFile));
    }
}
