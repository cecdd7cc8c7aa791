using System.Diagnostics;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Gcn;

/// <summary>One run's outcome: the row it adds to runs.csv.</summary>
public sealed record GcnRun(
    string Dataset, string Model, string Split, int Seed, int Epochs,
    double TrainLoss, double ValidationLoss, double ValidationAccuracy, double TestAccuracy, double Seconds);

/// <summary>One epoch of one run: a row of curves.csv.</summary>
public sealed record GcnEpoch(
    string Dataset, string Model, string Split, int Seed, int Epoch,
    double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy);

/// <summary>
/// A graph made ready for training on one device: the normalised features, labels and split as tensors, and the
/// propagation. Everything is built on the CPU and then moved, so every device trains on the same numbers.
/// </summary>
public sealed class Problem : IDisposable
{
    public Problem(Graph graph, PropagationModel model, string split, Device? device = null)
    {
        Graph = graph;
        Model = model;
        Split = split;
        Device = device ?? CPU;
        using (var propagator = Propagation.For(graph, model)) Propagator = propagator.To(Device);
        Features = OnDevice(RowNormalized(graph));
        Labels = OnDevice(tensor(graph.Labels.Select(l => (long)Math.Max(l, 0)).ToArray()));
        Train = OnDevice(tensor(graph.Train.Select(i => (long)i).ToArray()));
        Validation = OnDevice(tensor(graph.Validation.Select(i => (long)i).ToArray()));
        Test = OnDevice(tensor(graph.Test.Select(i => (long)i).ToArray()));
    }

    public Graph Graph { get; }
    public Device Device { get; }
    public PropagationModel Model { get; }
    public string Split { get; }
    public Propagator Propagator { get; }
    public Tensor Features { get; }    // sparse [N, F]
    public Tensor Labels { get; }      // [N]
    public Tensor Train { get; }       // node ids
    public Tensor Validation { get; }
    public Tensor Test { get; }

    private Tensor OnDevice(Tensor cpu)
    {
        using (cpu) return cpu.to(Device);
    }

    /// <summary>Each row divided by its sum (rows summing to 0 stay 0), as tkipf/gcn's preprocess_features.</summary>
    private static Tensor RowNormalized(Graph graph)
    {
        var f = graph.Features;
        var entries = new (int Row, int Column)[f.Nnz];
        var values = new float[f.Nnz];
        for (var i = 0; i < f.Rows; i++)
        {
            var sum = 0.0;
            for (var k = f.IndPtr[i]; k < f.IndPtr[i + 1]; k++) sum += f.Data[k];
            for (var k = f.IndPtr[i]; k < f.IndPtr[i + 1]; k++)
            {
                entries[k] = (i, f.Indices[k]);
                values[k] = sum == 0 ? 0 : (float)(f.Data[k] / sum);
            }
        }
        return Propagation.Sparse(entries, values, f.Rows, f.Columns);
    }

    public void Dispose()
    {
        Propagator.Dispose();
        Features.Dispose();
        Labels.Dispose();
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}

/// <summary>The training loop of §5.2 as tkipf/gcn's train.py runs it.</summary>
public static class Train
{
    /// <summary>
    /// Trains from seed <paramref name="seed"/> for at most config.Epochs epochs with Adam, stopping once
    /// epoch > window and the validation loss exceeds the mean of the previous <c>window</c> (the code's rule; the
    /// loss is cross-entropy + L2 as in the code, or the cross-entropy alone with --stop-on cross-entropy),
    /// then evaluates the final model once on the test set.
    /// </summary>
    public static GcnRun Run(GcnConfig config, Problem problem, int seed, List<GcnEpoch>? curve = null)
    {
        var clock = Stopwatch.StartNew();
        Repro.Seed(seed);
        using var model = new Gcn(problem.Graph.Features.Columns, config.Hidden, problem.Graph.Classes, problem.Propagator, config.Dropout)
            .to(problem.Device);
        using var optimizer = optim.Adam(model.parameters(), lr: config.LearningRate);
        var validationLosses = new List<double>();
        var (trainLoss, validationLoss, validationAccuracy, epochs) = (double.NaN, double.NaN, double.NaN, 0);
        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            epochs = epoch + 1;
            double trainAccuracy;
            (trainLoss, trainAccuracy) = TrainEpoch(config, model, optimizer, problem);
            double validationCrossEntropy;
            (validationLoss, validationCrossEntropy, validationAccuracy) = Evaluate(config, model, problem, problem.Validation);
            validationLosses.Add(config.StopOn == Stopping.CrossEntropy ? validationCrossEntropy : validationLoss);
            curve?.Add(new GcnEpoch(problem.Graph.Name, problem.Model.ToString(), problem.Split, seed, epochs,
                trainLoss, trainAccuracy, validationLoss, validationAccuracy));
            if (ShouldStop(validationLosses, config.EarlyStopping)) break;
        }
        // The last epoch's validation pass already evaluated the final model.
        var (_, _, testAccuracy) = Evaluate(config, model, problem, problem.Test);
        return new GcnRun(problem.Graph.Name, problem.Model.ToString(), problem.Split, seed, epochs,
            trainLoss, validationLoss, validationAccuracy, testAccuracy, clock.Elapsed.TotalSeconds);
    }

    /// <summary>tkipf/gcn: <c>epoch > early_stopping and cost_val[-1] > mean(cost_val[-(early_stopping+1):-1])</c>.</summary>
    public static bool ShouldStop(IReadOnlyList<double> validationLosses, int window)
    {
        var epoch = validationLosses.Count - 1;
        if (window == 0 || epoch <= window) return false;
        var previous = validationLosses.Skip(validationLosses.Count - 1 - window).Take(window).Average();
        return validationLosses[^1] > previous;
    }

    /// <summary>One epoch of training: a full-batch forward pass with dropout, one Adam step; the loss and accuracy on the training nodes.</summary>
    public static (double Loss, double Accuracy) TrainEpoch(GcnConfig config, Gcn model, optim.Optimizer optimizer, Problem problem)
    {
        using var scope = NewDisposeScope();
        model.train();
        optimizer.zero_grad();
        var logits = model.call(problem.Features);                                   // [N, C]
        var loss = Loss(config, model, logits, problem, problem.Train);
        loss.backward();
        optimizer.step();
        return (loss.ToDouble(), Accuracy(logits, problem, problem.Train));
    }

    /// <summary>The model's loss (cross-entropy + L2), the cross-entropy alone and the accuracy on <paramref name="nodes"/>.</summary>
    public static (double Loss, double CrossEntropy, double Accuracy) Evaluate(GcnConfig config, Gcn model, Problem problem, Tensor nodes)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        var logits = model.call(problem.Features);                                   // [N, C]
        var crossEntropy = CrossEntropy(logits, problem, nodes);
        return ((crossEntropy + L2(config, model)).ToDouble(), crossEntropy.ToDouble(), Accuracy(logits, problem, nodes));
    }

    /// <summary>
    /// Eq. 10's cross-entropy over the labelled nodes, plus the L2 penalty λ Σ ‖W⁽⁰⁾‖²/2 on the first layer
    /// (tkipf/gcn adds it to every reported loss, the validation loss of early stopping included).
    /// </summary>
    private static Tensor Loss(GcnConfig config, Gcn model, Tensor logits, Problem problem, Tensor nodes) =>
        CrossEntropy(logits, problem, nodes) + L2(config, model);

    private static Tensor CrossEntropy(Tensor logits, Problem problem, Tensor nodes) =>
        nn.functional.cross_entropy(logits.index_select(0, nodes), problem.Labels.index_select(0, nodes));

    private static Tensor L2(GcnConfig config, Gcn model) =>
        model.FirstLayerWeights.Select(w => w.square().sum()).Aggregate((a, b) => a + b) * (config.WeightDecay / 2);

    private static double Accuracy(Tensor logits, Problem problem, Tensor nodes)
    {
        using var scope = NewDisposeScope();
        var predicted = logits.index_select(0, nodes).argmax(1);
        return predicted.eq(problem.Labels.index_select(0, nodes)).to(float64).mean().ToDouble();
    }
}
