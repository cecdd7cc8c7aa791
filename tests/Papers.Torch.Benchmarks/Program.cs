// The C# side of the benchmarks. scripts/bench/run drives it beside the PyTorch twins; by hand:
//   list                                            the workloads, one JSON object a line
//   prepare <workload> <folder>                     write the inputs both sides load
//   run <workload> <folder> --threads N [--warmup W] [--steps S] [--seed K] [--serial-below E]
//                                                   time S steps after W untimed ones: one JSON line; --serial-below
//                                                   sets torch.set_serial_below (0: libtorch's own split, to compare)
//   matmul N threads warmup reps                    the matmul of scripts/bench-matmul.sh: "median min" in ms
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Papers.Torch;
using Papers.Torch.Benchmarks;
using static Papers.Torch.torch;

try
{
    return args switch
    {
        ["list"] => List(),
        ["prepare", var name, var folder] => Prepare(name, folder),
        ["run", var name, var folder, .. var flags] => Run(name, folder, Flags(flags)),
        ["matmul", var n, var threads, var warmup, var reps] => Matmul(long.Parse(n, CultureInfo.InvariantCulture),
            int.Parse(threads, CultureInfo.InvariantCulture), int.Parse(warmup, CultureInfo.InvariantCulture), int.Parse(reps, CultureInfo.InvariantCulture)),
        _ => Usage(),
    };
}
catch (Exception e) when (e is ArgumentException or FileNotFoundException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: list | prepare <workload> <folder> | run <workload> <folder> --threads N [--warmup W] [--steps S] [--seed K] [--serial-below E] | matmul N threads warmup reps");
    return 2;
}

static int List()
{
    foreach (var w in Workload.All.Values)
        Console.WriteLine(JsonSerializer.Serialize(new { name = w.Name, description = w.Description, unit = w.Unit, target_ratio = w.TargetRatio, warmup = w.Warmup, steps = w.Steps }));
    return 0;
}

static int Prepare(string name, string folder)
{
    var workload = Workload.Find(name);
    manual_seed(0);
    workload.Prepare(folder);
    Console.WriteLine($"wrote {Path.Combine(folder, Workload.InputsFile)}");
    return 0;
}

static Dictionary<string, int> Flags(string[] flags)
{
    var values = new Dictionary<string, int>(StringComparer.Ordinal);
    for (var i = 0; i < flags.Length; i += 2)
    {
        if (i + 1 >= flags.Length || flags[i] is not ("--threads" or "--warmup" or "--steps" or "--seed" or "--serial-below"))
            throw new ArgumentException($"unknown or incomplete flag '{flags[i]}': expected --threads N, --warmup W, --steps S, --seed K, --serial-below E");
        values[flags[i][2..]] = int.Parse(flags[i + 1], CultureInfo.InvariantCulture);
    }
    if (!values.ContainsKey("threads")) throw new ArgumentException("--threads N is required");
    return values;
}

static int Run(string name, string folder, Dictionary<string, int> flags)
{
    var workload = Workload.Find(name);
    int threads = flags["threads"], warmup = flags.GetValueOrDefault("warmup", workload.Warmup), steps = flags.GetValueOrDefault("steps", workload.Steps);
    set_num_threads(threads);
    if (flags.TryGetValue("serial-below", out var serialBelow)) set_serial_below(serialBelow);
    manual_seed(flags.GetValueOrDefault("seed", 0));
    var step = workload.Build(folder);
    var losses = new List<double>();
    for (var i = 0; i < warmup; i++) losses.Add(step());
    var ms = new double[steps];
    for (var i = 0; i < steps; i++)
    {
        var start = Stopwatch.GetTimestamp();
        losses.Add(step());
        ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        workload = name, side = "C#", threads, warmup, steps, ms,
        losses = losses.Take(5), kernels = CpuKernels.Describe(),
    }));
    return 0;
}

static int Matmul(long n, int threads, int warmup, int reps)
{
    set_num_threads(threads);
    var generator = new Generator(0);
    using var a = randn([n, n], generator: generator);
    using var b = randn([n, n], generator: generator);
    for (var i = 0; i < warmup; i++) a.matmul(b).Dispose();
    var ms = new double[reps];
    for (var i = 0; i < reps; i++)
    {
        var start = Stopwatch.GetTimestamp();
        var c = a.matmul(b);
        ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        c.Dispose();
    }
    Array.Sort(ms);
    Console.WriteLine(FormattableString.Invariant($"{ms[reps / 2]:F4} {ms[0]:F4}"));
    return 0;
}
