// The C# side of the matmul benchmark: warm-up calls, then the median of timed calls, exactly as
// native/bench/matmul_bench.cpp does. Usage: dotnet run -c Release -- N threads warmup reps
using System.Diagnostics;
using static Papers.Torch.torch;

if (args.Length != 4) { Console.Error.WriteLine("usage: N threads warmup reps"); return 2; }
var n = long.Parse(args[0]);
int threads = int.Parse(args[1]), warmup = int.Parse(args[2]), reps = int.Parse(args[3]);
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
