using System.Diagnostics;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.ProdLda;

/// <summary>One epoch of one run: a row of curves.csv (the authors' avg_cost: the mean minibatch −ELBO).</summary>
public sealed record TopicModelEpoch(string Model, int Topics, int Seed, int Epoch, double Loss, double Seconds);

/// <summary>A trained autoencoded topic model with its training time.</summary>
public sealed record TrainedAvitm(Avitm Model, LaplacePrior Prior, int Epochs, double FinalLoss, double Seconds);

/// <summary>The training loop of run.py's <c>train()</c> and the test ELBO of its <c>calcPerp()</c>.</summary>
public static class Train
{
    /// <summary>
    /// Trains ProdLDA or NVLDA from <paramref name="seed"/>: Adam with β₁ = 0.99 on the mean −ELBO of minibatches
    /// drawn with replacement, ⌊D / batch⌋ minibatches an epoch. Returns the model in evaluation mode (no dropout).
    /// The model trains on <paramref name="documents"/>' device; minibatch rows and ε are drawn from the CPU
    /// generator on every device, so a CUDA run sees the same data and noise as the CPU run (dropout masks differ).
    /// </summary>
    public static TrainedAvitm Run(ProdLdaConfig config, Decoder decoder, int topics, Tensor documents, int seed, List<TopicModelEpoch>? curve = null)
    {
        var clock = Stopwatch.StartNew();
        Repro.Seed(seed);
        var (keep, learningRate, epochs) = decoder == Decoder.ProdLda
            ? (config.ProdLdaKeep, config.ProdLdaLearningRate, config.ProdLdaEpochs)
            : (config.NvLdaKeep, config.NvLdaLearningRate, config.NvLdaEpochs);
        var (count, vocabulary) = (documents.shape[0], documents.shape[1]);
        if (count < config.BatchSize) throw new ArgumentException($"{count} documents: fewer than one batch of {config.BatchSize}");
        var device = documents.device;
        var model = new Avitm(decoder, (int)vocabulary, config.Hidden, topics, keep).to(device);
        var prior = LaplacePrior.Symmetric(topics, config.Alpha);
        var (priorMean, priorVariance) = PriorTensors(prior, device);
        using var _ = priorMean;
        using var __ = priorVariance;
        using var optimizer = optim.Adam(model.parameters(), lr: learningRate, beta1: config.Beta1);
        var loss = double.NaN;
        model.train();
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            loss = Epoch(model, optimizer, documents, config.BatchSize, priorMean, priorVariance);
            if (double.IsNaN(loss))
                throw new InvalidOperationException($"{decoder} K={topics} seed {seed}: the loss became NaN in epoch {epoch}; lower the learning rate");
            curve?.Add(new TopicModelEpoch(TopicModels.Of(decoder), topics, seed, epoch, loss, clock.Elapsed.TotalSeconds));
        }
        model.eval();
        return new TrainedAvitm(model, prior, epochs, loss, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// One epoch of run.py's <c>train()</c>: ⌊D / batch⌋ minibatches of <paramref name="batchSize"/> documents drawn with
    /// replacement, each with its own ε, one Adam step on each minibatch's mean −ELBO. Returns the mean of those
    /// (the authors' avg_cost). Rows and ε come from the CPU generator.
    /// </summary>
    public static double Epoch(Avitm model, optim.Optimizer optimizer, Tensor documents, int batchSize, Tensor priorMean, Tensor priorVariance)
    {
        var count = documents.shape[0];
        var device = documents.device;
        var batches = count / batchSize;                                           // run.py: int(n_samples_tr / batch_size)
        var sum = 0.0;
        for (var b = 0; b < batches; b++)
        {
            using var scope = NewDisposeScope();
            var rows = randint(count, [batchSize]).to(device);                     // [B], with replacement
            var x = documents.index_select(0, rows);                               // [B, V]
            var output = model.call(x, randn([batchSize, model.Topics]).to(device));
            var cost = Elbo.Reconstruction(x, output.XHat, model.Fused).mean() + Elbo.Kl(output.Mu, output.LogSigma2, priorMean, priorVariance).mean();
            optimizer.zero_grad();
            cost.backward();
            optimizer.step();
            sum += cost.ToDouble();
        }
        return sum / batches;
    }

    /// <summary>
    /// Each test document's −ELBO as run.py's <c>calcPerp()</c> computes it: the document alone in a batch
    /// (so batch norm sees one row), no dropout, and <paramref name="samples"/> draws of ε: the mean over the draws of
    /// −Σ w log x̂ plus the KL term. Returns per-document costs, in document order.
    /// </summary>
    public static double[] TestCosts(TrainedAvitm trained, Tensor documents, int samples, int seed)
    {
        Repro.Seed(seed);
        var topics = trained.Model.Topics;
        var (priorMean, priorVariance) = PriorTensors(trained.Prior, documents.device);
        using var _ = priorMean;
        using var __ = priorVariance;
        using var noGrad = no_grad();
        var costs = new double[documents.shape[0]];
        for (var d = 0; d < costs.Length; d++)
        {
            using var scope = NewDisposeScope();
            var x = documents.narrow(0, d, 1);                                     // [1, V]
            var output = trained.Model.call(x, randn([samples, topics]).to(documents.device));   // x̂: [S, V]
            var cost = Elbo.Reconstruction(x, output.XHat, trained.Model.Fused).mean() + Elbo.Kl(output.Mu, output.LogSigma2, priorMean, priorVariance).mean();
            costs[d] = cost.ToDouble();
        }
        return costs;
    }

    /// <summary>μ₁ and σ₁² of the Laplace prior as float32 rows [1, K] on <paramref name="device"/>.</summary>
    public static (Tensor Mean, Tensor Variance) PriorTensors(LaplacePrior prior, Device device) =>
        (tensor(prior.Mean.Select(v => (float)v).ToArray(), [1, prior.Mean.Length], device: device),
         tensor(prior.Variance.Select(v => (float)v).ToArray(), [1, prior.Variance.Length], device: device));

    /// <summary>The topics' top words: the largest entries of each row of β (the authors' print_top_words).</summary>
    public static int[][] TopWords(Avitm model, int count)
    {
        using var scope = NewDisposeScope();
        var (_, indexes) = model.Beta.detach().topk(count, 1);                     // [K, count]
        var flat = indexes.data<long>();
        return Enumerable.Range(0, model.Topics).Select(k => flat.Skip(k * count).Take(count).Select(i => (int)i).ToArray()).ToArray();
    }
}
