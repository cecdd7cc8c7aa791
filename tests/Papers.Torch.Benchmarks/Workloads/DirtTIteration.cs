using Papers.DirtT;
using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Workloads;

/// <summary>
/// One VADA training iteration of papers/dirt-t (<see cref="Session.Step"/>) with the paper's MNIST → MNIST-M settings
/// (the config's defaults): the small network without instance norm, batches of 64 source images (grey, replicated to
/// 3 channels) and 64 target images (colour), 32×32, synthetic bytes. The discriminator's step on its own pair of
/// batches, then the classifier's: source cross-entropy, the feature adversarial loss, source and target VAT (one
/// power iteration each), target conditional entropy, one Adam step and the EMA update.
/// </summary>
public sealed class DirtTIteration : Workload
{
    private const int Images = 256;          // per domain
    private const int Seed = 0;              // the session's seed: its weights, and its batch order's generator

    public override string Name => "dirt-t-iteration";
    public override double? TargetRatio => 1.02;
    public override string Description => "DIRT-T's VADA iteration: small network, 64 + 64 images 32×32×3, discriminator step, VAT, conditional entropy, Adam, EMA";
    public override string Unit => "iteration";
    public override int Warmup => 2;
    public override int Steps => 5;

    public override void Prepare(string folder)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(0);
        var inputs = new Dictionary<string, Tensor>
        {
            ["source.images"] = randint(0, 256, [Images, 1, Digits.Side, Digits.Side], dtype: ScalarType.Byte, generator: generator),
            ["source.labels"] = randint(0, 10, [Images], generator: generator),
            ["target.images"] = randint(0, 256, [Images, 3, Digits.Side, Digits.Side], dtype: ScalarType.Byte, generator: generator),
            ["target.labels"] = randint(0, 10, [Images], generator: generator),
        };
        using var session = NewSession();
        foreach (var (name, parameter) in session.Model.named_parameters()) inputs[$"model.{name}"] = parameter;
        foreach (var (name, parameter) in session.Discriminator.named_parameters()) inputs[$"discriminator.{name}"] = parameter;
        SaveInputs(folder, inputs);
    }

    /// <summary>
    /// The session draws its weights from seed 0 as the paper's runs do, the same ones <see cref="Prepare"/> saved (the
    /// EMA's shadows start from them too, so they are not overwritten); the default generator, which the session reseeds,
    /// is put back to the state the harness seeded, since dropout, noise and VAT's directions draw from it.
    /// </summary>
    public override Func<double> Build(string folder)
    {
        var inputs = LoadInputs(folder);
        var source = new Digits("source", inputs["source.images"], inputs["source.labels"]);
        var target = new Digits("target", inputs["target.images"], inputs["target.labels"]);
        var seeded = default_generator.get_state();
        var session = NewSession();
        default_generator.set_state(seeded);
        return () =>
        {
            using var scope = NewDisposeScope();                                   // as Session.Run's loop
            return session.Step(Methods.Vada, source, target);
        };
    }

    private static Session NewSession()
    {
        var config = new DirtTConfig();
        return new Session(config, () => new SmallNetwork(instanceNorm: false, config.Trim), Seed);
    }
}
