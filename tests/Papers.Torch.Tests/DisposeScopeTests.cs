namespace Papers.Torch.Tests;

public class DisposeScopeTests
{
    [Fact]
    public void ScopeDisposesWhatWasCreatedInsideIt()
    {
        Tensor inner;
        using (var scope = NewDisposeScope())
        {
            inner = ones([3]) * 2;
            Assert.Equal(2, scope.Count);
        }
        Assert.True(inner.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => inner.sum());
    }

    [Fact]
    public void MovedTensorsSurviveTheirScope()
    {
        Tensor kept;
        using (var outer = NewDisposeScope())
        {
            using (NewDisposeScope())
            {
                kept = (ones([2]) + 1).MoveToOuterDisposeScope();
            }
            Assert.False(kept.IsInvalid);
            Assert.Equal(1, outer.Count);
        }
        Assert.True(kept.IsInvalid);

        Tensor detached;
        using (NewDisposeScope()) detached = zeros([2]).DetachFromDisposeScope();
        Assert.Equal(new float[] { 0, 0 }, detached.data<float>());
        detached.Dispose();
    }

    [Fact]
    public void ParametersNeverBelongToAScope()
    {
        nn.Parameter p;
        using (NewDisposeScope()) p = new nn.Parameter(randn([2, 2]));
        Assert.False(p.IsInvalid);
        Assert.True(p.requires_grad);
        Assert.True(p.is_leaf);
        p.Dispose();
    }

    [Fact]
    public void DisposingAViewKeepsTheBaseAlive()
    {
        using var x = arange(6, float64);
        var v = x.view(2, 3);
        v.Dispose();
        Assert.Equal(15, x.sum().ToDouble());
    }
}
