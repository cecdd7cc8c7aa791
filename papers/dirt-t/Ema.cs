using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT;

/// <summary>
/// tf.train.ExponentialMovingAverage over the classifier's trainable variables (dirtt.py: <c>ema.apply(var_class)</c>
/// on the 'trainable_variables' collection): shadow ← decay · shadow + (1 − decay) · θ after each step, each shadow
/// starting at its parameter's initial value. Batch-norm running statistics are not trainable, so they are not
/// averaged: the EMA model and the teacher use the live ones. A module, so that checkpoints save the shadows.
/// </summary>
public sealed class Ema : nn.Module
{
    private readonly (Tensor Parameter, Tensor Shadow)[] _pairs;

    public Ema(nn.Module model, double decay) : base(nameof(Ema))
    {
        if (decay is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(decay), decay, "an EMA decay is in [0, 1)");
        Decay = decay;
        _pairs = model.named_parameters().Select(p =>
        {
            var shadow = p.parameter.detach().clone();
            register_buffer(p.name.Replace('.', '_'), shadow);
            return ((Tensor)p.parameter, shadow);
        }).ToArray();
    }

    public double Decay { get; }

    /// <summary>One EMA step, after the optimiser's: shadow ← decay · shadow + (1 − decay) · θ.</summary>
    public void Update()
    {
        using var noGrad = no_grad();
        foreach (var (parameter, shadow) in _pairs) shadow.mul_(Decay).add_(parameter, 1 - Decay);
    }

    /// <summary>
    /// Loads the averaged weights into <paramref name="target"/>, a network built as the averaged one, together with
    /// the averaged network's own buffers (batch-norm statistics): the EMA model of evaluation, and dirtt.py's
    /// <c>update_teacher</c>, which assigns each variable's average where it has one and the variable otherwise.
    /// </summary>
    public void CopyTo(nn.Module target, nn.Module averaged)
    {
        using var noGrad = no_grad();
        var parameters = target.named_parameters().ToList();
        if (parameters.Count != _pairs.Length)
            throw new ArgumentException($"the target has {parameters.Count} parameters, the average {_pairs.Length}: build it as the averaged network");
        for (var i = 0; i < _pairs.Length; i++) parameters[i].parameter.copy_(_pairs[i].Shadow);
        var buffers = target.named_buffers().Zip(averaged.named_buffers());
        foreach (var ((_, to), (_, from)) in buffers) to.copy_(from);
    }
}
