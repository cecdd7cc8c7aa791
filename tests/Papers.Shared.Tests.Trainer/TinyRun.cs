using Papers.Shared.Checkpoints;
using Papers.Torch;
using Papers.Torch.Modules;
using static Papers.Torch.torch;

namespace Papers.Shared.Tests.Trainer;

/// <summary>
/// A regression MLP trained with every kind of state an exact resume must restore: dropout masks from the default
/// generator, minibatches drawn from an explicit generator, Adam's moments and step counts, a StepLR schedule,
/// and the best loss so far as a checkpoint extra. Leaving out any one of them changes the weights after a resume.
/// </summary>
public sealed class TinyRun : IDisposable
{
    public const int Samples = 64;
    public const int Features = 8;
    public const int Hidden = 32;
    public const int Batch = 16;
    public const string BestLoss = "best_loss";

    private readonly Tensor _x;
    private readonly Tensor _y;

    /// <summary>Builds the model from the default generator, so seed it first (Repro.Setup).</summary>
    public TinyRun()
    {
        using (var data = new Generator(seed: 2024))
        {
            _x = randn([Samples, Features], generator: data);                        // [samples, features]
            _y = _x.sum(1, keepdim: true).sin();                                      // [samples, 1]
        }
        Model = nn.Sequential(
            ("fc1", nn.Linear(Features, Hidden)), ("relu", nn.ReLU()), ("dropout", nn.Dropout(0.5)), ("fc2", nn.Linear(Hidden, 1)));
        Optimizer = optim.Adam(Model.parameters(), lr: 1e-2);
        Scheduler = optim.lr_scheduler.StepLR(Optimizer, step_size: 4, gamma: 0.5);
        Order = new Generator(seed: 7);
        Checkpoint = new Checkpoint()
            .Add("model", Model).Add("optimizer", Optimizer).Add("scheduler", Scheduler).Add("order", Order);
    }

    public Sequential Model { get; }

    public optim.Optimizer Optimizer { get; }

    public optim.lr_scheduler.LRScheduler Scheduler { get; }

    /// <summary>Draws each step's minibatch.</summary>
    public Generator Order { get; }

    public Checkpoint Checkpoint { get; }

    /// <summary>One Adam step on a random minibatch; sleeps <paramref name="delayMs"/> between backward and the update.</summary>
    public float TrainStep(int delayMs)
    {
        using var scope = NewDisposeScope();
        var batch = randperm(Samples, generator: Order).narrow(0, 0, Batch);         // [batch]
        var prediction = Model.forward(_x.index_select(0, batch));                   // [batch, 1]
        var loss = nn.functional.mse_loss(prediction, _y.index_select(0, batch));
        Optimizer.zero_grad();
        loss.backward();
        Thread.Sleep(delayMs);
        Optimizer.step();
        Scheduler.step();
        var value = loss.item<float>();
        var best = Checkpoint.Extras.TryGetValue(BestLoss, out var saved) ? (float)saved : float.PositiveInfinity;
        Checkpoint.Extras[BestLoss] = Math.Min(best, value);
        Checkpoint.Epoch = (Checkpoint.Step + 1) * Batch / Samples;
        return value;
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
        Order.Dispose();
        _x.Dispose();
        _y.Dispose();
    }
}
