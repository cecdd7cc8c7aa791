using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Workloads;

/// <summary>
/// The small-model yardstick of the project's facts file: an MLP 784-256-10 on a batch of 64, cross-entropy, one Adam
/// step (lr 1e-3). LibTorch 2.10 takes 1.36 ms per step on 1 thread and 1.15 ms on 2 on this kind of machine.
/// </summary>
public sealed class Mlp : Workload
{
    public override string Name => "mlp";
    public override string Description => "MLP 784-256-10, batch 64, cross-entropy, Adam";
    public override int Warmup => 50;
    public override int Steps => 300;

    public override void Prepare(string folder)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(0);
        using var l1 = nn.Linear(784, 256);
        using var l2 = nn.Linear(256, 10);
        SaveInputs(folder, new Dictionary<string, Tensor>
        {
            ["x"] = randn([64, 784], generator: generator),
            ["y"] = randint(0, 10, [64], generator: generator),
            ["l1.weight"] = l1.weight, ["l1.bias"] = l1.bias!, ["l2.weight"] = l2.weight, ["l2.bias"] = l2.bias!,
        });
    }

    public override Func<double> Build(string folder)
    {
        var inputs = LoadInputs(folder);
        var l1 = nn.Linear(784, 256);
        var l2 = nn.Linear(256, 10);
        using (no_grad())
        {
            l1.weight.copy_(inputs["l1.weight"]); l1.bias!.copy_(inputs["l1.bias"]);
            l2.weight.copy_(inputs["l2.weight"]); l2.bias!.copy_(inputs["l2.bias"]);
        }
        Tensor x = inputs["x"], y = inputs["y"];
        var optimizer = optim.Adam([.. l1.parameters(), .. l2.parameters()], lr: 1e-3);
        return () =>
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(l2.forward(nn.functional.relu(l1.forward(x))), y);
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        };
    }
}
