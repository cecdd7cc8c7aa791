using Papers.ProdLda;
using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Workloads;

/// <summary>
/// One epoch of ProdLDA on 20 Newsgroups as papers/prodlda's training loop runs it (run.py's train(), Train.Epoch):
/// ⌊D / 200⌋ minibatches of 200 documents drawn with replacement, the encoder (two softplus layers of 100, dropout at
/// keep 0.4, batch-normed μ and log σ²), z = μ + σ ε, θ = softmax(z) with dropout, the batch-normed product-of-experts
/// decoder, the −ELBO against the Laplace approximation of Dirichlet(1) and one Adam step (lr 0.002, β₁ 0.99) per
/// minibatch; K = 50. The C# side reads the corpus with the paper's loader; the inputs carry the same counts (sparse),
/// the prior and the initial parameters for the PyTorch side.
/// </summary>
public sealed class ProdLdaTrainingEpoch : Workload
{
    private const int Topics = 50;
    private static readonly ProdLdaConfig Config = new();

    public override string Name => "prodlda-epoch";
    public override double? TargetRatio => 0.7;
    public override string Description => $"ProdLDA on 20 Newsgroups (K = {Topics}, batch {Config.BatchSize}): one epoch of minibatch Adam steps on the −ELBO";
    public override string Unit => "epoch";
    public override int Warmup => 1;
    public override int Steps => 8;

    public override void Prepare(string folder)
    {
        using var scope = NewDisposeScope();
        var documents = Documents();
        var sparseDocuments = documents.to_sparse();
        var (priorMean, priorVariance) = Train.PriorTensors(LaplacePrior.Symmetric(Topics, Config.Alpha), CPU);
        var model = NewModel(documents);
        var inputs = new Dictionary<string, Tensor>
        {
            ["documents.indices"] = sparseDocuments.indices(), ["documents.values"] = sparseDocuments.values(),
            ["documents.shape"] = tensor(documents.shape), ["prior.mean"] = priorMean, ["prior.variance"] = priorVariance,
        };
        foreach (var (name, parameter) in model.named_parameters()) inputs[name] = parameter;
        SaveInputs(folder, inputs);
    }

    public override Func<double> Build(string folder)
    {
        var inputs = LoadInputs(folder);
        var documents = Documents();
        var model = NewModel(documents);                                           // draws its initialisation, as Train.Run does
        using (no_grad())
            foreach (var (name, parameter) in model.named_parameters()) parameter.copy_(inputs[name]);
        foreach (var input in inputs.Values) input.Dispose();
        var (priorMean, priorVariance) = Train.PriorTensors(LaplacePrior.Symmetric(Topics, Config.Alpha), CPU);
        var optimizer = optim.Adam(model.parameters(), lr: Config.ProdLdaLearningRate, beta1: Config.Beta1);
        model.train();
        return () => Train.Epoch(model, optimizer, documents, Config.BatchSize, priorMean, priorVariance);
    }

    private static Tensor Documents() => Corpus.TwentyNewsgroups().Train.ToTensor();   // [D, V]

    private static Avitm NewModel(Tensor documents) =>
        new(Decoder.ProdLda, (int)documents.shape[1], Config.Hidden, Topics, Config.ProdLdaKeep);
}
