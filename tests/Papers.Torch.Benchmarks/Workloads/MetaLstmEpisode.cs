using Papers.MetaLstm;
using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Workloads;

/// <summary>
/// One meta-training episode of the LSTM meta-learner (papers/meta-lstm, <see cref="MetaTraining.Episode"/>) at
/// Mini-ImageNet's sizes, 5-way 1-shot: an episode drawn from a synthetic image set (random bytes, 3×84×84), T = 12
/// inner steps of batch 5 (the learner run functionally from the meta-learner's cell state, its loss and gradient
/// into the coordinate-wise LSTM), the query loss on 75 images at θ_T, its backward through the 12 steps, the
/// gradient clipped to norm 0.25 and one Adam step. Each step draws a new episode from the training's own generator.
/// </summary>
public sealed class MetaLstmEpisode : Workload
{
    private const int Classes = 10;          // the synthetic meta-training set: 10 classes of 20 images
    private const int ImagesPerClass = 20;
    private const int Channels = 3;
    private const int Side = 84;
    private const int Shots = 1;
    private const int Seed = 0;              // MetaTraining's seed: the meta-learner's initial draw, and seed + 1 the episodes'

    public override string Name => "meta-lstm-episode";
    public override double? TargetRatio => 0.7;
    public override string Description => "meta-learner LSTM, Mini-ImageNet-sized 5-way 1-shot episode: T = 12 inner steps, query loss, backward, clipped Adam";
    public override string Unit => "episode";
    public override int Warmup => 1;
    public override int Steps => 4;

    public override void Prepare(string folder)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(0);
        var pixels = randint(0, 256, [Classes * ImagesPerClass, Channels, Side, Side], dtype: ScalarType.Byte, generator: generator);
        using var training = NewTraining();
        var inputs = training.Model.named_parameters().ToDictionary(p => $"meta.{p.name}", p => (Tensor)p.parameter);
        inputs["pixels"] = pixels;                                                 // [classes · images, 3, 84, 84] uint8
        SaveInputs(folder, inputs);
    }

    public override Func<double> Build(string folder)
    {
        var inputs = LoadInputs(folder);
        var training = NewTraining();
        using (no_grad())
            foreach (var (name, parameter) in training.Model.named_parameters()) parameter.copy_(inputs[$"meta.{name}"]);
        var images = new ImageSet("synthetic", Channels, Side, inputs["pixels"].data<byte>(),
            [.. Enumerable.Range(0, Classes + 1).Select(c => c * ImagesPerClass)],
            [.. Enumerable.Range(0, Classes).Select(c => $"class{c}")]).Validated();
        var config = Config;
        var sampler = new EpisodeSampler(images, config.Ways, Shots, config.Queries);
        return () => training.Episode(sampler, Shots);
    }

    private static MetaLstmConfig Config => new();                             // the authors' defaults: 5 ways, 15 queries, 20 hidden, lr 1e-3, clip 0.25

    private static MetaTraining NewTraining() => new(Config, new Learner(Channels, Side, Config.Ways), Seed);
}
