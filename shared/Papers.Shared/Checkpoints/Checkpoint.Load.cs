using System.Globalization;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Shared.Checkpoints;

public sealed partial class Checkpoint
{
    private const string ExtraPrefix = "extra.";

    private static readonly string[] HeaderKeys = ["format", "step", "epoch", "modules", "optimizers", "schedulers", "generators"];

    /// <summary>
    /// Restores everything <see cref="Save"/> wrote, in place: modules' parameters keep their identity (an
    /// optimizer built over them stays valid), optimizers and schedulers take their saved state, generators their
    /// saved streams; <see cref="Step"/>, <see cref="Epoch"/> and <see cref="Extras"/> take the saved values.
    /// Returns the step to continue from. A checkpoint of another model (missing or unexpected modules, optimizers,
    /// generators or keys; other shapes or dtypes) throws an <see cref="InvalidDataException"/> naming the file and
    /// every mismatch, and leaves this run's state as it was.
    /// </summary>
    public long Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"no checkpoint at {full}", full);
        using var scope = NewDisposeScope();
        var tensors = load(full, out var metadata);
        var (step, epoch) = ReadHeader(full, metadata);
        var extras = metadata.Where(kv => kv.Key.StartsWith(ExtraPrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[ExtraPrefix.Length..], kv => DecodeExtra(full, kv.Key, kv.Value), StringComparer.Ordinal);
        var mismatches = Mismatches(tensors, metadata);
        if (mismatches.Count > 0) throw DoesNotMatch(full, mismatches);

        var backupTensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var backupMetadata = new Dictionary<string, string>(StringComparer.Ordinal);
        Capture(backupTensors, backupMetadata, snapshot: true);
        try
        {
            Restore(tensors, metadata);
        }
        catch (Exception e) when (e is ArgumentException or TorchException)
        {
            // An optimizer checks its own state dict (kind, groups, options) as it loads: put back whatever
            // loaded before it, so a failed load changes nothing.
            Restore(backupTensors, backupMetadata);
            throw DoesNotMatch(full, [e.Message], e);
        }
        Step = step;
        Epoch = epoch;
        Extras.Clear();
        foreach (var (name, value) in extras) Extras[name] = value;
        return step;
    }

    private static (long Step, long Epoch) ReadHeader(string path, Dictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("format", out var format))
            throw new InvalidDataException($"{path} is a safetensors file but not a checkpoint: its metadata has no format entry ('{Format}')");
        if (format != Format) throw new InvalidDataException($"{path} is a checkpoint of format '{format}'; this kit reads '{Format}'");
        var absent = HeaderKeys.Where(k => !metadata.ContainsKey(k)).ToList();
        if (absent.Count > 0) throw new InvalidDataException($"{path} is a damaged checkpoint: its metadata lacks {string.Join(", ", absent)}");
        return (Counter(path, metadata, "step"), Counter(path, metadata, "epoch"));
    }

    private static long Counter(string path, Dictionary<string, string> metadata, string name) =>
        long.TryParse(metadata[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{path} is a damaged checkpoint: its {name} is '{metadata[name]}', not a count");

    /// <summary>Everything that keeps the file from fitting this run, found before anything is changed.</summary>
    private List<string> Mismatches(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        var errors = new List<string>();
        var modules = CompareNames("module", _modules.Select(m => m.Name), metadata["modules"], errors);
        CompareNames("optimizer", _optimizers.Select(o => o.Name), metadata["optimizers"], errors);
        CompareNames("scheduler", _schedulers.Select(s => s.Name), metadata["schedulers"], errors);
        var generators = CompareNames("generator", _generators.Select(g => g.Name), metadata["generators"], errors);
        foreach (var (name, module) in _modules.Where(m => modules.Contains(m.Name)))
        {
            var own = module.state_dict();
            var saved = WithPrefix(tensors, $"module.{name}.");
            var missing = own.Keys.Where(k => !saved.ContainsKey(k)).ToList();
            var unexpected = saved.Keys.Where(k => !own.ContainsKey(k)).ToList();
            if (missing.Count > 0) errors.Add($"module '{name}': missing keys {string.Join(", ", missing)}");
            if (unexpected.Count > 0) errors.Add($"module '{name}': unexpected keys {string.Join(", ", unexpected)}");
            foreach (var (key, target) in own)
            {
                if (!saved.TryGetValue(key, out var source)) continue;
                if (!source.shape.SequenceEqual(target.shape))
                    errors.Add($"module '{name}': {key} has shape {Shape(source)} in the checkpoint, {Shape(target)} in this run");
                else if (source.dtype != target.dtype)
                    errors.Add($"module '{name}': {key} is {source.dtype} in the checkpoint, {target.dtype} in this run");
            }
        }
        CompareGenerator(DefaultGeneratorKey, default_generator, tensors, errors);
        foreach (var (name, generator) in _generators.Where(g => generators.Contains(g.Name)))
            CompareGenerator($"generator.{name}", generator, tensors, errors);
        return errors;
    }

    /// <summary>Reports tracked names the file lacks and saved names this run does not track; returns the names in both.</summary>
    private static HashSet<string> CompareNames(string kind, IEnumerable<string> tracked, string saved, List<string> errors)
    {
        var ours = tracked.ToList();
        var theirs = saved.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in ours.Except(theirs)) errors.Add($"the checkpoint has no {kind} '{name}'");
        foreach (var name in theirs.Except(ours)) errors.Add($"the checkpoint holds {kind} '{name}', which this run does not track");
        return ours.Intersect(theirs).ToHashSet(StringComparer.Ordinal);
    }

    private static void CompareGenerator(string key, Generator generator, Dictionary<string, Tensor> tensors, List<string> errors)
    {
        if (!tensors.TryGetValue(key, out var saved))
        {
            errors.Add($"the checkpoint has no state for {key}");
            return;
        }
        using var current = generator.get_state();
        if (saved.dtype != current.dtype || !saved.shape.SequenceEqual(current.shape))
            errors.Add($"{key} has a state of {saved.dtype} {Shape(saved)} in the checkpoint, {current.dtype} {Shape(current)} for this run's generator");
    }

    private static InvalidDataException DoesNotMatch(string path, IEnumerable<string> errors, Exception? inner = null) =>
        new($"{path} does not match this run:\n  {string.Join("\n  ", errors)}", inner);

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";

    private static string EncodeExtra(string name, object? value) => value switch
    {
        _ when name.Length == 0 => throw new ArgumentException("an extra needs a name"),
        double d => "double:" + d.ToString("R", CultureInfo.InvariantCulture),
        float f => "float:" + f.ToString("R", CultureInfo.InvariantCulture),
        int i => "int:" + i.ToString(CultureInfo.InvariantCulture),
        long l => "long:" + l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "bool:true" : "bool:false",
        string s => "string:" + s,
        _ => throw new ArgumentException($"extra '{name}' is {(value is null ? "null" : $"a {value.GetType().Name}")}: extras are double, float, int, long, bool or string"),
    };

    private static object DecodeExtra(string path, string key, string text)
    {
        var colon = text.IndexOf(':');
        var (type, value) = colon < 0 ? ("", text) : (text[..colon], text[(colon + 1)..]);
        var culture = CultureInfo.InvariantCulture;
        object? result = type switch
        {
            "double" => double.TryParse(value, NumberStyles.Float, culture, out var d) ? d : null,
            "float" => float.TryParse(value, NumberStyles.Float, culture, out var f) ? f : null,
            "int" => int.TryParse(value, NumberStyles.Integer, culture, out var i) ? i : null,
            "long" => long.TryParse(value, NumberStyles.Integer, culture, out var l) ? l : null,
            "bool" => value switch { "true" => true, "false" => false, _ => null },
            "string" => value,
            _ => null,
        };
        return result ?? throw new InvalidDataException($"{path} is a damaged checkpoint: {key} is '{text}', not a type:value pair of double, float, int, long, bool or string");
    }
}
