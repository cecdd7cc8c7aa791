namespace Papers.Torch.Tests;

/// <summary>Parameter groups, zero_grad, dispose scopes and state dicts of the optimizers.</summary>
public class OptimizerStateTests
{
    private static Tensor Param(params double[] values) => tensor(values, requires_grad: true);

    private static void SetGrad(Tensor parameter, params double[] grad) => parameter.grad = tensor(grad);

    [Fact]
    public void ParameterGroupsTakeTheirOwnOptionsAndTheOptimizersDefaults()
    {
        // Group 0: γ = 0.1, λ = 0.5: θ = 1 − 0.1 · (1 + 0.5 · 1) = 0.85.  Group 1 (defaults γ = 0.01, λ = 0): θ = 1 − 0.01 = 0.99.
        // Then group 0's lr becomes 0.2: θ = 0.85 − 0.2 · (1 + 0.5 · 0.85) = 0.565.
        using var first = Param(1);
        using var second = Param(1);
        using var sgd = optim.SGD([new optim.ParamGroup([first], lr: 0.1, weight_decay: 0.5), new optim.ParamGroup([second])], lr: 0.01);
        Assert.Equal(0.01, sgd.param_groups[1].lr);
        Assert.Equal(0.0, sgd.param_groups[1].weight_decay);
        Assert.Equal(0.5, sgd.param_groups[0].weight_decay);
        SetGrad(first, 1);
        SetGrad(second, 1);
        sgd.step();
        Assert.Equal(0.85, first.ToDouble(), 1e-12);
        Assert.Equal(0.99, second.ToDouble(), 1e-12);
        sgd.param_groups[0].lr = 0.2;
        sgd.step();
        Assert.Equal(0.565, first.ToDouble(), 1e-12);
    }

    [Fact]
    public void AddedParameterGroupJoinsTheNextStep()
    {
        using var first = Param(1);
        using var later = Param(1);
        using var sgd = optim.SGD([first], lr: 0.1);
        sgd.add_param_group(new optim.ParamGroup([later], lr: 0.5));
        SetGrad(later, 1);
        sgd.step();
        Assert.Equal(0.5, later.ToDouble(), 1e-12);
        Assert.Equal(1.0, first.ToDouble());
    }

    [Fact]
    public void OptionsTheOptimizerDoesNotHaveAreRejectedByName()
    {
        using var p = Param(1);
        var e = Assert.Throws<ArgumentException>(() => optim.SGD([new optim.ParamGroup([p], beta1: 0.9)], lr: 0.1));
        Assert.Contains("SGD has no option beta1", e.Message);
        using var sgd = optim.SGD([p], lr: 0.1);
        Assert.Contains("SGD has no option 'beta1'", Assert.Throws<InvalidOperationException>(() => sgd.param_groups[0].beta1).Message);
    }

    [Fact]
    public void InvalidHyperparametersFailWithTheOptionsName()
    {
        using var p = Param(1);
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => optim.SGD([p], lr: -0.1)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => optim.Adam([p], beta2: 1.0)).ParamName);
        Assert.Equal("weight_decay", Assert.Throws<ArgumentOutOfRangeException>(() => optim.RMSprop([new optim.ParamGroup([p], weight_decay: -1)])).ParamName);
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => optim.SGD([p], lr: 0.1, nesterov: true)).Message);
        using var adam = optim.Adam([p]);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.param_groups[0].lr = double.NaN);
    }

    [Fact]
    public void ParametersMustBeDistinctLeaves()
    {
        using var p = Param(1);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() =>
            optim.SGD([new optim.ParamGroup([p]), new optim.ParamGroup([p])], lr: 0.1)).Message);
        using var derived = p * 2;
        Assert.Contains("non-leaf", Assert.Throws<ArgumentException>(() => optim.SGD([derived], lr: 0.1)).Message);
        Assert.Contains("empty parameter list", Assert.Throws<ArgumentException>(() => optim.SGD(Array.Empty<optim.ParamGroup>(), lr: 0.1)).Message);
    }

    [Fact]
    public void ZeroGradSetsGradientsToNull()
    {
        using var p = Param(1, 2);
        using var adam = optim.Adam([p]);
        SetGrad(p, 1, 1);
        adam.zero_grad();
        Assert.Null(p.grad);
    }

    [Fact]
    public void ParametersWithoutGradientsAreLeftAlone()
    {
        using var stepped = Param(1);
        using var idle = Param(1);
        using var adam = optim.Adam([stepped, idle], lr: 0.1);
        SetGrad(stepped, 1);
        adam.step();
        Assert.Equal(1.0, idle.ToDouble());
        Assert.False(adam.state.ContainsKey(idle));
        Assert.True(adam.state.ContainsKey(stepped));
    }

    [Fact]
    public void StepLeavesNothingInTheCallersScopeAndItsStateOutlivesThatScope()
    {
        using var p = Param(1, 2);
        using var adam = optim.Adam([p], lr: 0.1, amsgrad: true);
        using (var scope = NewDisposeScope())
        {
            SetGrad(p, 1, 1);
            var before = scope.Count;
            adam.step();
            Assert.Equal(before, scope.Count);
        }
        SetGrad(p, 1, 1);
        adam.step();
        Assert.Equal(2, adam.state[p].Scalars["step"]);
        Assert.All(adam.state[p].Tensors.Values, t => Assert.False(t.IsInvalid));
    }

    [Fact]
    public void AdamStateDictUsesPyTorchsKeys()
    {
        using var first = Param(1);
        using var second = Param(1, 2);
        using var adam = optim.Adam([first, second], lr: 0.1);
        SetGrad(second, 1, 1);
        adam.step();
        using var state = adam.state_dict();
        Assert.Equal(["state.1.exp_avg", "state.1.exp_avg_sq"], state.Tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["param_groups.0.amsgrad", "param_groups.0.beta1", "param_groups.0.beta2", "param_groups.0.eps", "param_groups.0.lr",
             "param_groups.0.param_count", "param_groups.0.weight_decay", "state.1.step"],
            state.Scalars.Keys);
        Assert.Equal(2, state.Scalars["param_groups.0.param_count"]);
        Assert.Equal(1, state.Scalars["state.1.step"]);
        // A copy: the next step does not change it.
        var saved = state.Tensors["state.1.exp_avg"].data<double>();
        adam.step();
        Assert.Equal(saved, state.Tensors["state.1.exp_avg"].data<double>());
    }

    [Fact]
    public void StateDictOfAnotherOptimizerIsRejected()
    {
        using var p = Param(1);
        using var adam = optim.Adam([p]);
        using var sgd = optim.SGD([p], lr: 0.1);
        using var state = adam.state_dict();
        Assert.Contains("SGD has", Assert.Throws<ArgumentException>(() => sgd.load_state_dict(state)).Message);
        using var q = Param(1);
        using var twoGroups = optim.Adam([new optim.ParamGroup([p]), new optim.ParamGroup([q])]);
        Assert.Contains("1 parameter groups", Assert.Throws<ArgumentException>(() => twoGroups.load_state_dict(state)).Message);
    }

    [Fact]
    public void StateDictOfOtherParameterShapesIsRejectedAndTheStateKept()
    {
        using var small = Param(1);
        using var adam = optim.Adam([small]);
        SetGrad(small, 1);
        adam.step();
        using var state = adam.state_dict();
        using var large = Param(1, 2);
        using var other = optim.Adam([large]);
        SetGrad(large, 1, 1);
        other.step();
        var e = Assert.Throws<ArgumentException>(() => other.load_state_dict(state));
        Assert.Contains("'state.0.exp_avg' has shape [1], its parameter has shape [2]", e.Message);
        Assert.Equal(1, other.state[large].Scalars["step"]);
        Assert.Equal(2, other.state[large]["exp_avg"].numel());
    }
}
