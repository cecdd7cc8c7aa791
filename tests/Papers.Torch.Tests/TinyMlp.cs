namespace Papers.Torch.Tests;

/// <summary>A 2-layer tanh MLP with hand-written SGD on raw tensors: the smallest real training loop,
/// for the determinism and memory tests.</summary>
internal sealed class TinyMlp : IDisposable
{
    private readonly nn.Parameter _w1, _b1, _w2, _b2;

    public TinyMlp(int inputs, int hidden, Generator generator)
    {
        _w1 = new nn.Parameter(randn([inputs, hidden], generator: generator) * (1 / Math.Sqrt(inputs)));
        _b1 = new nn.Parameter(zeros([hidden]));
        _w2 = new nn.Parameter(randn([hidden, 1], generator: generator) * (1 / Math.Sqrt(hidden)));
        _b2 = new nn.Parameter(zeros([1]));
    }

    public nn.Parameter[] Parameters => [_w1, _b1, _w2, _b2];

    public Tensor Forward(Tensor x) => (x.matmul(_w1) + _b1).tanh().matmul(_w2) + _b2;

    /// <summary>One SGD step on the mean squared error; every temporary dies with the step's scope.</summary>
    public double Step(Tensor x, Tensor y, double lr)
    {
        using var scope = NewDisposeScope();
        var loss = (Forward(x) - y).square().mean();
        loss.backward();
        using (no_grad())
        {
            foreach (var p in Parameters)
            {
                p.sub_(p.grad!, alpha: lr);
                p.grad = null;
            }
        }
        return loss.ToDouble();
    }

    public void Dispose()
    {
        foreach (var p in Parameters) p.Dispose();
    }
}
