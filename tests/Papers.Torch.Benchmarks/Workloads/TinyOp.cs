using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Workloads;

/// <summary>The cost of one call across the boundary: 1000 additions of two one-element tensors, each result freed.</summary>
public sealed class TinyOp : Workload
{
    public override string Name => "tiny-op";
    public override string Description => "1000 additions of two one-element float tensors";
    public override string Unit => "1000 ops";
    public override int Warmup => 50;
    public override int Steps => 500;

    public override void Prepare(string folder) =>
        SaveInputs(folder, new Dictionary<string, Tensor> { ["a"] = tensor(new[] { 1.5f }), ["b"] = tensor(new[] { 2.25f }) });

    public override Func<double> Build(string folder)
    {
        var inputs = LoadInputs(folder);
        Tensor a = inputs["a"], b = inputs["b"];
        return () =>
        {
            for (var i = 0; i < 999; i++) a.add(b).Dispose();
            using var last = a.add(b);
            return last.item<float>();
        };
    }
}
