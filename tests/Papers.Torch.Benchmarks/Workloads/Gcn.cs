using Papers.Gcn;
using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Workloads;

/// <summary>
/// One epoch of GCN on Cora as papers/gcn's training loop runs it (§5.2, Train.Run): Train.TrainEpoch (sparse dropout
/// on the row-normalised features, Â X W⁽⁰⁾, ReLU, dropout, Â H W⁽¹⁾, cross-entropy on the 140 training nodes plus
/// the L2 term on W⁽⁰⁾, one Adam step at lr 0.01), then Train.Evaluate on the 500 validation nodes, as every epoch does
/// for early stopping. The C# side builds the problem with the paper's loader; the inputs carry the same features,
/// adjacency, labels, split and the initial weights for the PyTorch side.
/// </summary>
public sealed class GcnTrainingEpoch : Workload
{
    private static readonly GcnConfig Config = new();

    public override string Name => "gcn-epoch";
    public override double? TargetRatio => 0.7;
    public override string Description => "GCN on Cora (2-layer, hidden 16, dropout 0.5, sparse Â): one training epoch with Adam and the validation pass";
    public override string Unit => "epoch";
    public override int Warmup => 20;
    public override int Steps => 400;

    public override void Prepare(string folder)
    {
        using var scope = NewDisposeScope();
        var graph = Planetoid.Load("cora");
        using var problem = NewProblem(graph);
        using var model = NewModel(problem);
        var adjacency = Propagation.Normalized(graph, selfLoops: true);            // the renormalised Â (Eq. 8) of Propagation.For
        var inputs = new Dictionary<string, Tensor>
        {
            ["features.indices"] = problem.Features.indices(), ["features.values"] = problem.Features.values(),
            ["features.shape"] = tensor(problem.Features.shape),
            ["adjacency.indices"] = adjacency.indices(), ["adjacency.values"] = adjacency.values(),
            ["adjacency.shape"] = tensor(adjacency.shape),
            ["labels"] = problem.Labels, ["train"] = problem.Train, ["validation"] = problem.Validation,
        };
        foreach (var (name, parameter) in model.named_parameters()) inputs[name] = parameter;
        SaveInputs(folder, inputs);
    }

    public override Func<double> Build(string folder)
    {
        var inputs = LoadInputs(folder);
        var problem = NewProblem(Planetoid.Load("cora"));
        var model = NewModel(problem);                                             // draws its Glorot weights, as Train.Run does
        using (no_grad())
            foreach (var (name, parameter) in model.named_parameters()) parameter.copy_(inputs[name]);
        foreach (var input in inputs.Values) input.Dispose();
        var optimizer = optim.Adam(model.parameters(), lr: Config.LearningRate);
        return () =>
        {
            var (loss, _) = Train.TrainEpoch(Config, model, optimizer, problem);
            Train.Evaluate(Config, model, problem, problem.Validation);
            return loss;
        };
    }

    private static Problem NewProblem(Graph graph) => new(graph, PropagationModel.RenormalizationTrick, Tables.FixedSplit);

    private static Papers.Gcn.Gcn NewModel(Problem problem) =>
        new(problem.Graph.Features.Columns, Config.Hidden, problem.Graph.Classes, problem.Propagator, Config.Dropout);
}
