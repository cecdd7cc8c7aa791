using System.Diagnostics;
using Papers.Shared.Checkpoints;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.CycleGan;

/// <summary>
/// The digit classifier of CyCADA's evaluation (Hoffman et al. 2018, §5.1: "a variant of the LeNet architecture";
/// the authors' cycada/models/lenet.py): conv5-20, max-pool, ReLU, conv5-50, dropout, max-pool, ReLU, fc-500, ReLU,
/// dropout, fc-10. On 32×32 inputs the features are 50 × 5 × 5 (28×28 gives 50 × 4 × 4).
/// </summary>
public sealed class LeNet : nn.Module<Tensor, Tensor>
{
    public const int Classes = 10;
    private readonly nn.Module<Tensor, Tensor> _features;
    private readonly nn.Module<Tensor, Tensor> _classifier;

    public LeNet() : base(nameof(LeNet))
    {
        _features = nn.Sequential(nn.Conv2d(1, 20, 5), nn.MaxPool2d(2), nn.ReLU(), nn.Conv2d(20, 50, 5), nn.Dropout(0.5), nn.MaxPool2d(2), nn.ReLU());
        _classifier = nn.Sequential(nn.Flatten(), nn.Linear(50 * 5 * 5, 500), nn.ReLU(), nn.Dropout(0.5), nn.Linear(500, Classes));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => _classifier.call(_features.call(x));   // [B, 1, 32, 32] → [B, 10] logits
}

/// <summary>Training and scoring the LeNet on labelled digits (ours: Adam, a fixed number of minibatch steps).</summary>
public static class Classifiers
{
    public const int EvaluationBatch = 500;

    /// <summary>
    /// Trains a LeNet from <paramref name="seed"/> on <paramref name="images"/> ([N, 1, 32, 32]) and <paramref name="labels"/>;
    /// checkpointed under <paramref name="name"/>, so a finished classifier is read back with --resume.
    /// </summary>
    public static LeNet Train(CycleGanConfig config, string name, Tensor images, Tensor labels, int seed, Device on)
    {
        Repro.Seed(seed);
        var net = new LeNet().to(on);
        using var optimizer = optim.Adam(net.parameters(), lr: config.ClassifierLearningRate);
        using var order = new Generator((ulong)seed);
        var checkpoint = new Checkpoint().Add("model", net).Add("optimizer", optimizer).Add("order", order);
        var path = Checkpointer.DefaultPath(CycleGanConfig.Paper, config, name);
        using var checkpointer = new Checkpointer(checkpoint, path, config.ClassifierIterations, config.Resume && File.Exists(path));
        net.train();
        var start = checkpointer.Start();
        var clock = Stopwatch.StartNew();
        for (var step = start; step < config.ClassifierIterations; step++)
        {
            using var scope = NewDisposeScope();
            var rows = randint(0, labels.shape[0], [config.ClassifierBatch], generator: order);
            var loss = nn.functional.cross_entropy(net.call(images.index_select(0, rows).to(on)), labels.index_select(0, rows).to(on));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            if (!checkpointer.Completed(step + 1)) break;
        }
        if (start < config.ClassifierIterations)
            Console.WriteLine($"{name}: {config.ClassifierIterations - start} steps of {config.ClassifierBatch} in {clock.Elapsed.TotalSeconds:F1} s");
        net.eval();
        return net;
    }

    /// <summary>Accuracy (%) of <paramref name="net"/> in evaluation mode on every image.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> net, Tensor images, Tensor labels, Device on)
    {
        using var noGrad = no_grad();
        var correct = 0L;
        for (long first = 0; first < labels.shape[0]; first += EvaluationBatch)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(EvaluationBatch, labels.shape[0] - first);
            var predicted = net.call(images.narrow(0, first, count).to(on)).argmax(1).cpu();
            correct += predicted.eq(labels.narrow(0, first, count)).sum().ToInt64();
        }
        return 100.0 * correct / labels.shape[0];
    }
}
