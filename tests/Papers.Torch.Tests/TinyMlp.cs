namespace Papers.Torch.Tests;

/// <summary>A 2-layer tanh MLP trained with Adam on the mean squared error: the smallest real training
/// loop (modules, autograd, optimizer), for the determinism and memory tests.</summary>
internal sealed class TinyMlp : IDisposable
{
    private readonly Modules.Sequential _model;
    private readonly Modules.Adam _optimizer;

    public TinyMlp(int inputs, int hidden, long seed)
    {
        manual_seed(seed);
        _model = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, 1));
        _optimizer = optim.Adam(_model.parameters(), lr: 1e-2);
    }

    public float[] FirstWeight => _model.parameters().First().data<float>();

    /// <summary>One Adam step; every temporary dies with the step's scope.</summary>
    public double Step(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var loss = nn.functional.mse_loss(_model.call(x), y);
        loss.backward();
        _optimizer.step();
        return loss.ToDouble();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }
}
