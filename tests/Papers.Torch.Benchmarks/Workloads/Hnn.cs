using Papers.Hnn;
using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Workloads;

/// <summary>
/// One training step of Table 1's fully hyperbolic GRU (papers/hyperbolic-nn) as <see cref="Train.Run"/> takes it: the
/// managed float64 kernels over the 64 pairs of a batch one at a time (two GRU encoders in dimension 5, the hyperbolic
/// FFNN over [h₁, h₂, d²], the hyperbolic MLR, softmax cross-entropy, the backward pass), then <see cref="Optimizers.Step"/>:
/// every gradient clipped to norm 1, Adam on the Euclidean weights, RSGD on the biases, MLR points and the word
/// embeddings the batch used. The batch is the first 64 pairs PREFIX-10%'s generator gives for the paper's data seed;
/// the same batch every step.
/// </summary>
public sealed class HnnGruStep : Workload
{
    private const int Noise = 10, Seed = 0;

    public override string Name => "hnn-gru-step";
    public override double? TargetRatio => 0.7;
    public override string Description => "fully hyperbolic GRU (n = 5), PREFIX-10% batch of 64 pairs: forward, hyperbolic MLR, backward, RSGD + Adam";
    public override int Warmup => 3;
    public override int Steps => 20;

    public override void Prepare(string folder)
    {
        var config = new HnnConfig();
        var pairs = Prefix.Generate(Noise, config.BatchSize, config.DataSeed + Noise);
        var tensors = NewModel(config).Parameters.ToDictionary(p => p.Name, p => tensor(p.Value, [p.Rows, p.Cols], dtype: ScalarType.Float64));
        var length = pairs.Max(p => Math.Max(p.Sentence1.Length, p.Sentence2.Length));
        foreach (var (name, sentence) in new[] { ("sentence1", (Func<SentencePair, int[]>)(p => p.Sentence1)), ("sentence2", p => p.Sentence2) })
        {
            var words = new long[pairs.Count * length];                            // [B, T], padded with id 0 (<UNK>, never generated)
            for (var i = 0; i < pairs.Count; i++)
                for (var t = 0; t < sentence(pairs[i]).Length; t++) words[i * length + t] = sentence(pairs[i])[t];
            tensors[name] = tensor(words, [pairs.Count, length]);
            tensors[name + ".length"] = tensor(pairs.Select(p => (long)sentence(p).Length).ToArray());
        }
        tensors["label"] = tensor(pairs.Select(p => (long)p.Label).ToArray());
        SaveInputs(folder, tensors);
        foreach (var t in tensors.Values) t.Dispose();
    }

    public override Func<double> Build(string folder)
    {
        var config = new HnnConfig();
        var inputs = LoadInputs(folder);
        var model = NewModel(config);
        foreach (var p in model.Parameters) inputs[p.Name].data<double>().CopyTo(p.Value, 0);
        var optimizers = new Optimizers(model.Parameters, config.Curvature, config.AdamLearningRate, config.WordLearningRate, config.HyperbolicLearningRate);
        var labels = inputs["label"].data<long>();
        var pairs = labels.Select((label, i) => new SentencePair(Sentence(inputs, "sentence1", i), Sentence(inputs, "sentence2", i), (int)label)).ToList();
        foreach (var t in inputs.Values) t.Dispose();
        return () =>
        {
            var loss = Train.Gradients(model, pairs, 0, pairs.Count);
            optimizers.Step();
            return loss / pairs.Count;
        };
    }

    private static PrefixModel NewModel(HnnConfig config) =>
        new(Variant.HyperbolicGru, Prefix.Vocabulary, config.Dimension, config.Curvature, config.WordInitAverageNorm, new Random(Seed));

    private static int[] Sentence(Dictionary<string, Tensor> inputs, string name, int i)
    {
        var words = inputs[name];
        var length = (int)inputs[name + ".length"].data<long>()[i];
        return words[i].data<long>().Take(length).Select(w => (int)w).ToArray();
    }
}
