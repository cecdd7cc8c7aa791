using Papers.CycleGan;
using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Workloads;

/// <summary>
/// One CycleGAN training iteration of papers/cyclegan (<see cref="CycleGanModel.Step"/>) at the configuration of its
/// committed results (results/cyclegan/manifest.json): ngf = ndf = 32, 3 residual blocks, 2-layer PatchGAN, grey
/// 32×32 digits (synthetic here), batch 1, plain CycleGAN (semantic weight 0). G and F forward and cycle, LSGAN,
/// cycle and identity losses, one Adam step of both generators; the history pools (50 images each); both
/// discriminators' losses and their Adam step. The step's value is the sum of the losses it reports.
/// </summary>
public sealed class CycleGanIteration : Workload
{
    private const int Images = 100;          // per domain
    private const int Seed = 0;              // the model's seed: its weights, seed the batch order, seed + 1 the pools

    public override string Name => "cyclegan-iteration";
    public override double? TargetRatio => 1.02;
    public override string Description => "CycleGAN iteration, ngf = ndf = 32, 3 residual blocks, 1×1×32×32 digits: G, F, D_X, D_Y losses, pools, two Adam steps";
    public override string Unit => "iteration";
    public override int Warmup => 3;
    public override int Steps => 20;                                           // a fraction of a second each

    public override void Prepare(string folder)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(0);
        var inputs = new Dictionary<string, Tensor>
        {
            ["x"] = rand([Images, 1, DigitDomains.Side, DigitDomains.Side], generator: generator) * 2 - 1,   // [N, 1, 32, 32] in [−1, 1]
            ["y"] = rand([Images, 1, DigitDomains.Side, DigitDomains.Side], generator: generator) * 2 - 1,
        };
        using var model = NewModel();
        foreach (var (prefix, network) in new (string, nn.Module)[] { ("G", model.G), ("F", model.F), ("DX", model.DX), ("DY", model.DY) })
            foreach (var (name, parameter) in network.named_parameters()) inputs[$"{prefix}.{name}"] = parameter;
        SaveInputs(folder, inputs);
    }

    /// <summary>The model draws its weights from seed 0 as the paper's run does, the ones <see cref="Prepare"/> saved.</summary>
    public override Func<double> Build(string folder)
    {
        var inputs = LoadInputs(folder);
        Tensor x = inputs["x"], y = inputs["y"];
        var model = NewModel();
        return () =>
        {
            var l = model.Step(x, y);
            return l.DX + l.DY + l.GanG + l.GanF + l.CycleX + l.CycleY + l.IdentityX + l.IdentityY + l.Semantic;
        };
    }

    private static CycleGanModel NewModel()
    {
        var config = new CycleGanConfig { Ngf = 32, Ndf = 32, ResidualBlocks = 3, Epochs = 5, DecayEpochs = 5, EpochIterations = 1000 };
        return new CycleGanModel(config, 1, DigitDomains.Side, semanticWeight: 0, Seed);
    }
}
