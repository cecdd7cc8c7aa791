using System.Diagnostics;
using System.Globalization;
using Papers.Shared.Checkpoints;
using Papers.Shared.Repro;
using Papers.Shared.Results;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>The losses of one iteration (before weighting by λ), and their mean over a window of iterations.</summary>
public sealed record StepLosses(double DX, double DY, double GanG, double GanF, double CycleX, double CycleY, double IdentityX, double IdentityY, double Semantic)
{
    public static StepLosses Mean(IReadOnlyList<StepLosses> window) => new(
        window.Average(l => l.DX), window.Average(l => l.DY), window.Average(l => l.GanG), window.Average(l => l.GanF),
        window.Average(l => l.CycleX), window.Average(l => l.CycleY), window.Average(l => l.IdentityX), window.Average(l => l.IdentityY),
        window.Average(l => l.Semantic));
}

/// <summary>A point of the loss curve: mean losses over the <c>LogEvery</c> iterations up to <paramref name="Iteration"/>.</summary>
public sealed record CurvePoint(double SemanticWeight, int Seed, long Iteration, double LearningRate, double DX, double DY, double GanG, double GanF,
    double CycleX, double CycleY, double IdentityX, double IdentityY, double Semantic, double Seconds);

/// <summary>
/// One CycleGAN (the authors' cycle_gan_model.py): G: X → Y and F: Y → X (their G_A and G_B), D_Y and D_X (their
/// D_A and D_B), a history pool for each discriminator, one Adam over both generators and one over both
/// discriminators, each with the linear-decay schedule, checkpointed together with the random streams.
/// </summary>
public sealed class CycleGanModel : IDisposable
{
    private readonly CycleGanConfig _config;
    private readonly optim.Optimizer _optimizerG;
    private readonly optim.Optimizer _optimizerD;
    private readonly optim.lr_scheduler.LRScheduler _scheduleG;
    private readonly optim.lr_scheduler.LRScheduler _scheduleD;
    private readonly Generator _order;
    private readonly Generator _poolRandom;
    private readonly Device _device;
    private readonly nn.Module<Tensor, Tensor>? _sourceClassifier;

    /// <summary>
    /// Builds the four networks from <paramref name="seed"/> for images [channels, side, side]. With a semantic weight
    /// &gt; 0, <paramref name="sourceClassifier"/> (fixed, trained on X) scores CyCADA's L_sem.
    /// </summary>
    public CycleGanModel(CycleGanConfig config, long channels, long side, double semanticWeight, int seed, nn.Module<Tensor, Tensor>? sourceClassifier = null)
    {
        if (semanticWeight > 0 && sourceClassifier is null) throw new ArgumentException("the semantic-consistency loss needs a classifier trained on X");
        (_config, SemanticWeight, _sourceClassifier) = (config, semanticWeight, sourceClassifier);
        _device = device(config.Device);
        Repro.Seed(seed);
        G = new ResnetGenerator(channels, config.Ngf, config.ResidualBlocks).to(_device);
        F = new ResnetGenerator(channels, config.Ngf, config.ResidualBlocks).to(_device);
        DX = new PatchDiscriminator(channels, config.Ndf, config.DiscriminatorLayers).to(_device);
        DY = new PatchDiscriminator(channels, config.Ndf, config.DiscriminatorLayers).to(_device);
        _order = new Generator((ulong)seed);
        _poolRandom = new Generator((ulong)seed + 1);
        PoolX = new ImagePool(config.PoolSize, [channels, side, side], _poolRandom);
        PoolY = new ImagePool(config.PoolSize, [channels, side, side], _poolRandom);
        _optimizerG = optim.Adam(G.parameters().Concat(F.parameters()), lr: config.LearningRate, beta1: config.Beta1);
        _optimizerD = optim.Adam(DX.parameters().Concat(DY.parameters()), lr: config.LearningRate, beta1: config.Beta1);
        _scheduleG = Schedule.LinearDecay(_optimizerG, config.Epochs, config.DecayEpochs);
        _scheduleD = Schedule.LinearDecay(_optimizerD, config.Epochs, config.DecayEpochs);
        Checkpoint = new Checkpoint().Add("G", G).Add("F", F).Add("DX", DX).Add("DY", DY).Add("pool_x", PoolX).Add("pool_y", PoolY)
            .Add("optimizer_G", _optimizerG).Add("optimizer_D", _optimizerD).Add("schedule_G", _scheduleG).Add("schedule_D", _scheduleD)
            .Add("order", _order).Add("pool_random", _poolRandom);
    }

    /// <summary>G: X → Y.</summary>
    public ResnetGenerator G { get; }

    /// <summary>F: Y → X.</summary>
    public ResnetGenerator F { get; }

    /// <summary>D_X tells real X from F(y).</summary>
    public PatchDiscriminator DX { get; }

    /// <summary>D_Y tells real Y from G(x).</summary>
    public PatchDiscriminator DY { get; }

    public ImagePool PoolX { get; }

    public ImagePool PoolY { get; }

    public double SemanticWeight { get; }

    public Checkpoint Checkpoint { get; }

    /// <summary>The generators' current learning rate.</summary>
    public double LearningRate => _optimizerG.param_groups[0].lr;

    /// <summary>The authors' update_learning_rate, called after each epoch.</summary>
    public void EndEpoch()
    {
        _scheduleG.step();
        _scheduleD.step();
    }

    /// <summary>One iteration on a random image of each domain (the authors' optimize_parameters).</summary>
    public StepLosses Step(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var realX = x.index_select(0, randint(0, x.shape[0], [_config.BatchSize], generator: _order)).to(_device);   // [B, C, H, W]
        var realY = y.index_select(0, randint(0, y.shape[0], [_config.BatchSize], generator: _order)).to(_device);   // [B, C, H, W]
        var c = _config;
        var lambda = c.LambdaCycle;

        var fakeY = G.call(realX);                                                // G(x)
        var reconstructedX = F.call(fakeY);                                       // F(G(x)), forward cycle
        var fakeX = F.call(realY);                                                // F(y)
        var reconstructedY = G.call(fakeX);                                       // G(F(y)), backward cycle
        var ganG = Losses.Generator(DY.call(fakeY));                              // L_GAN(G, D_Y, X, Y), generator side
        var ganF = Losses.Generator(DX.call(fakeX));                              // L_GAN(F, D_X, Y, X), generator side
        var cycleX = Losses.Cycle(reconstructedX, realX);
        var cycleY = Losses.Cycle(reconstructedY, realY);
        var loss = ganG + ganF + (cycleX + cycleY) * lambda;                       // Eq. 3
        Tensor identityX = zeros([]), identityY = zeros([]), semantic = zeros([]);
        if (c.LambdaIdentity > 0)
        {
            identityY = Losses.Identity(G.call(realY), realY);                    // ‖G(y) − y‖₁
            identityX = Losses.Identity(F.call(realX), realX);                    // ‖F(x) − x‖₁
            loss += (identityX + identityY) * (lambda * c.LambdaIdentity);
        }
        if (SemanticWeight > 0)
        {
            var f = _sourceClassifier!;
            semantic = Losses.Semantic(f.call(fakeY), f.call(realX)) + Losses.Semantic(f.call(fakeX), f.call(realY));
            loss += semantic * SemanticWeight;
        }
        _optimizerG.zero_grad();
        loss.backward();
        _optimizerG.step();

        _optimizerD.zero_grad();                                                  // also clears what the generators' pass left on D
        var lossDY = Losses.Discriminator(DY.call(realY), DY.call(PoolY.Query(fakeY)));
        var lossDX = Losses.Discriminator(DX.call(realX), DX.call(PoolX.Query(fakeX)));
        (lossDY + lossDX).backward();
        _optimizerD.step();
        return new StepLosses(lossDX.ToDouble(), lossDY.ToDouble(), ganG.ToDouble(), ganF.ToDouble(), cycleX.ToDouble(), cycleY.ToDouble(),
            identityX.ToDouble(), identityY.ToDouble(), semantic.ToDouble());
    }

    /// <summary>Maps every image of <paramref name="images"/> ([N, C, H, W]) through <paramref name="generator"/>, in batches, without gradients.</summary>
    public Tensor Translate(ResnetGenerator generator, Tensor images)
    {
        const int batch = 100;
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (long first = 0; first < images.shape[0]; first += batch)
            parts.Add(generator.call(images.narrow(0, first, Math.Min(batch, images.shape[0] - first)).to(_device)).cpu());
        var all = cat(parts, 0);                                                   // [N, C, H, W]
        foreach (var part in parts) part.Dispose();
        return all;
    }

    public void Dispose()
    {
        foreach (var module in new nn.Module[] { G, F, DX, DY, PoolX, PoolY }) module.Dispose();
        _optimizerG.Dispose();
        _optimizerD.Dispose();
        _order.Dispose();
        _poolRandom.Dispose();
    }
}

/// <summary>The training loop: epochs of the configured length, the schedule stepped after each, checkpoints and the loss curve.</summary>
public static class Train
{
    public static string RunName(double semanticWeight, int seed) => $"cyclegan-sem{WeightTag(semanticWeight)}-seed{seed}";

    /// <summary>A weight as a file-name part: 0.5 → 0p5.</summary>
    public static string WeightTag(double weight) => weight.ToString("0.###", CultureInfo.InvariantCulture).Replace('.', 'p');

    /// <summary>
    /// Trains <paramref name="model"/> on X = <paramref name="x"/> and Y = <paramref name="y"/> for the config's iterations,
    /// adding its curve to <paramref name="curve"/>; with --resume a checkpointed run continues where it stopped.
    /// Returns the iterations done and the seconds spent in training steps (all runs of this checkpoint together).
    /// </summary>
    public static (long Iterations, double StepSeconds) Run(CycleGanConfig config, CycleGanModel model, int seed, Tensor x, Tensor y, List<CurvePoint> curve)
    {
        var name = RunName(model.SemanticWeight, seed);
        var path = Checkpointer.DefaultPath(CycleGanConfig.Paper, config, name);
        var curvePath = Path.ChangeExtension(path, ".curve.csv");
        var resume = config.Resume && File.Exists(path);
        using var checkpointer = new Checkpointer(model.Checkpoint, path, config.CheckpointEvery, resume);
        var start = checkpointer.Start();
        var iterations = config.Iterations(Math.Max(x.shape[0], y.shape[0]));
        var epochLength = iterations / (config.Epochs + config.DecayEpochs);
        var points = resume && File.Exists(curvePath) ? Csv.Read<CurvePoint>(curvePath).Where(p => p.Iteration <= start).ToList() : [];
        var window = new List<StepLosses>();
        var clock = new Stopwatch();
        using var runClock = new RunClock(model.Checkpoint, resume, () => clock.Elapsed.TotalSeconds);
        Console.WriteLine($"{name}: iterations {start} → {iterations} ({config.Epochs} + {config.DecayEpochs} epochs of {epochLength})");
        for (var step = start; step < iterations; step++)
        {
            clock.Start();
            window.Add(model.Step(x, y));
            clock.Stop();
            if ((step + 1) % config.LogEvery == 0 || step + 1 == iterations)
            {
                var m = StepLosses.Mean(window);
                var seconds = runClock.StepSeconds;
                points.Add(new CurvePoint(model.SemanticWeight, seed, step + 1, model.LearningRate, m.DX, m.DY, m.GanG, m.GanF, m.CycleX, m.CycleY,
                    m.IdentityX, m.IdentityY, m.Semantic, seconds));
                window.Clear();
                Csv.Write(curvePath, points);
                Console.WriteLine($"{name} {step + 1}: D_X {m.DX:F3} D_Y {m.DY:F3} GAN G {m.GanG:F3} F {m.GanF:F3} cycle {m.CycleX:F3}/{m.CycleY:F3} " +
                    $"identity {m.IdentityX:F3}/{m.IdentityY:F3}{(model.SemanticWeight > 0 ? $" semantic {m.Semantic:F3}" : "")} " +
                    $"({clock.Elapsed.TotalSeconds / (step + 1 - start):F3} s per iteration)");
            }
            if ((step + 1) % epochLength == 0) model.EndEpoch();                  // after the curve point: it shows the rate the window used
            if (!checkpointer.Completed(step + 1)) break;
        }
        checkpointer.Save();
        curve.AddRange(points);
        return (model.Checkpoint.Step, runClock.StepSeconds);
    }
}
