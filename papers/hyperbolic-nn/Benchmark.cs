using System.Diagnostics;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Hnn;

/// <summary>A measured training step of the encoders, before (libtorch, one native call per operation) and after (the managed kernels).</summary>
/// <remarks>CpuSeconds is the process's processor time over the same steps: on a shared machine it moves far less than the wall time.</remarks>
public sealed record BenchmarkRow(string Implementation, string Cell, int Batch, int Length1, int Length2, int Steps, double Seconds, double StepsPerSecond,
    double CpuSeconds, double StepsPerCpuSecond);

/// <summary>
/// The hyperbolic GRU encoders' forward and backward over one batch of 64 sentence pairs of the PREFIX mean lengths
/// (15 and 10 words), the part of a PREFIX step that dominates it; the loss is the sum of the final states.
/// </summary>
public static class Benchmark
{
    public const int Batch = 64, Length1 = 15, Length2 = 10;

    public static IEnumerable<BenchmarkRow> Run(int steps, int dimension, double c)
    {
        var random = new Random(0);
        var cell1 = new HyperbolicGru("rnn1", dimension, PoincareBall.WithCurvature(c), random);
        var cell2 = new HyperbolicGru("rnn2", dimension, PoincareBall.WithCurvature(c), random);
        var words = Enumerable.Range(0, Batch * (Length1 + Length2) * dimension).Select(_ => (random.NextDouble() - 0.5) * 0.2).ToArray();
        yield return Measure("libtorch, one call per op", steps, () => TorchStep(cell1, cell2, words, dimension, c));
        yield return Measure("managed kernels", steps * 10, () => ManagedStep(cell1, cell2, words, dimension));
    }

    private static BenchmarkRow Measure(string name, int steps, Action step)
    {
        step();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++) step();
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        return new BenchmarkRow(name, nameof(HyperbolicGru), Batch, Length1, Length2, steps, seconds, steps / seconds, cpuSeconds, steps / cpuSeconds);
    }

    private static void TorchStep(HyperbolicGru cell1, HyperbolicGru cell2, double[] words, int n, double c)
    {
        using var scope = NewDisposeScope();
        var gru = new TorchGru(c);
        var x = tensor(words, [Length1 + Length2, Batch, n], dtype: ScalarType.Float64);   // [time, batch, n]
        var loss = zeros([1], dtype: ScalarType.Float64);
        foreach (var (cell, start, length) in new[] { (cell1, 0, Length1), (cell2, Length1, Length2) })
        {
            var p = TorchGru.Leaves(cell);
            var h = zeros([Batch, n], dtype: ScalarType.Float64);
            for (var t = 0; t < length; t++) h = gru.Step(p, h, x[start + t]);
            loss = loss + h.sum();
        }
        loss.backward();
    }

    private static void ManagedStep(HyperbolicGru cell1, HyperbolicGru cell2, double[] words, int n)
    {
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        var states = new double[(Length1 + 1) * n];
        var k = cell1.TapeLength;
        var tape = new double[Length1 * k];
        var (g, gPrevious, gx) = (new double[n], new double[n], new double[n]);
        for (var b = 0; b < Batch; b++)
            foreach (var (cell, start, length) in new[] { (cell1, 0, Length1), (cell2, Length1, Length2) })
            {
                ReadOnlySpan<double> X(int t) => words.AsSpan(((start + t) * Batch + b) * n, n);
                Array.Clear(states);
                for (var t = 0; t < length; t++) cell.Step(states.AsSpan(t * n, n), X(t), states.AsSpan((t + 1) * n, n), tape.AsSpan(t * k, k));
                ones.CopyTo(g, 0);
                for (var t = length - 1; t >= 0; t--)
                {
                    Array.Clear(gPrevious);
                    cell.StepBackward(states.AsSpan(t * n, n), X(t), tape.AsSpan(t * k, k), g, gPrevious, gx);
                    gPrevious.CopyTo(g, 0);
                }
            }
        foreach (var p in cell1.Parameters.Concat(cell2.Parameters)) Array.Clear(p.Grad);
    }
}
