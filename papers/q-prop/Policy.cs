using Papers.Torch;
using Modules = Papers.Torch.Modules;
using static Papers.Torch.torch;

namespace Papers.QProp;

// S observation size, A action size, B samples in a batch.

/// <summary>
/// π_θ(a|s) = N(μ_θ(s), diag σ²): rllab's GaussianMLPPolicy as the authors configure it (hidden 100-50-25, tanh,
/// linear mean output, one learned state-independent log σ per action dimension starting at log 1 = 0;
/// Glorot-uniform weights and zero biases, rllab's DenseLayer defaults).
/// </summary>
public sealed class GaussianPolicy : nn.Module<Tensor, Tensor>
{
    private readonly Modules.Sequential _mean;

    public GaussianPolicy(int observationSize, int actionSize, int[] hidden) : base(nameof(GaussianPolicy))
    {
        _mean = Mlp.Build(observationSize, hidden, actionSize, Mlp.Activation.Tanh, outputTanh: false, outputInitScale: null);
        LogStd = new nn.Parameter(zeros([actionSize]));
        register_module("mean", _mean);
        register_parameter("log_std", LogStd);
    }

    /// <summary>log σ: [A]</summary>
    public nn.Parameter LogStd { get; }

    /// <summary>μ_θ(s): [B, A]</summary>
    public override Tensor forward(Tensor observations) => _mean.call(observations);

    /// <summary>log π_θ(a|s) of a diagonal Gaussian: −½|(a − μ)/σ|² − Σ log σ − (A/2) log 2π; [B]</summary>
    public static Tensor LogLikelihood(Tensor actions, Tensor mean, Tensor logStd)
    {
        var z = (actions - mean) / logStd.exp();                                   // [B, A]
        var a = actions.size(1);
        return (z.square().sum(1) * -0.5) - logStd.sum() - 0.5 * a * Math.Log(2 * Math.PI); // [B]
    }

    /// <summary>
    /// KL(π_old ‖ π_new) per sample for diagonal Gaussians, as rllab's DiagonalGaussian.kl_sym:
    /// Σ [((μ₀ − μ₁)² + σ₀² − σ₁²) / (2σ₁² + 1e-8) + log σ₁ − log σ₀]; [B]
    /// </summary>
    public static Tensor Kl(Tensor oldMean, Tensor oldLogStd, Tensor newMean, Tensor newLogStd)
    {
        var oldStd = oldLogStd.exp();
        var newStd = newLogStd.exp();
        var numerator = (oldMean - newMean).square() + oldStd.square() - newStd.square(); // [B, A]
        var denominator = newStd.square() * 2 + 1e-8;                              // [A]
        return (numerator / denominator + newLogStd - oldLogStd).sum(1);           // [B]
    }
}

/// <summary>
/// μ(s) for DDPG: rllab's DeterministicMLPPolicy as the authors configure it (hidden 100-50-25, ReLU, tanh output,
/// output weights U(−3e-3, 3e-3) as in DDPG §7).
/// </summary>
public sealed class DeterministicPolicy : nn.Module<Tensor, Tensor>
{
    private readonly Modules.Sequential _net;

    public DeterministicPolicy(int observationSize, int actionSize, int[] hidden) : base(nameof(DeterministicPolicy))
    {
        _net = Mlp.Build(observationSize, hidden, actionSize, Mlp.Activation.Relu, outputTanh: true, outputInitScale: 3e-3);
        register_module("net", _net);
    }

    /// <summary>μ(s) ∈ [−1, 1]ᴬ: [B, A]</summary>
    public override Tensor forward(Tensor observations) => _net.call(observations);
}

/// <summary>The multilayer perceptrons of the policies and the critic, with rllab's initialisation.</summary>
public static class Mlp
{
    public enum Activation { Tanh, Relu }

    /// <summary>Linear layers with Glorot-uniform weights and zero biases; the output layer U(±scale) when given.</summary>
    public static Modules.Sequential Build(int inputs, int[] hidden, int outputs, Activation activation, bool outputTanh, double? outputInitScale)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = inputs;
        for (var i = 0; i < hidden.Length; i++)
        {
            layers.Add(($"linear{i}", Layer(width, hidden[i], null)));
            layers.Add(($"act{i}", activation == Activation.Tanh ? nn.Tanh() : nn.ReLU()));
            width = hidden[i];
        }
        layers.Add(("output", Layer(width, outputs, outputInitScale)));
        if (outputTanh) layers.Add(("squash", nn.Tanh()));
        return nn.Sequential(layers.ToArray());
    }

    public static Modules.Linear Layer(int inputs, int outputs, double? initScale)
    {
        var layer = nn.Linear(inputs, outputs);
        using (no_grad())
        {
            if (initScale is { } scale)
            {
                nn.init.uniform_(layer.weight, -scale, scale);
                nn.init.uniform_(layer.bias!, -scale, scale);
            }
            else
            {
                nn.init.xavier_uniform_(layer.weight);
                nn.init.zeros_(layer.bias!);
            }
        }
        return layer;
    }
}
