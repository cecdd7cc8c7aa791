using Papers.Torch.Modules;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Tests;

public class ModuleTests
{
    /// <summary>A two-layer net registered by reflection, as a paper's Model.cs would be.</summary>
    private sealed class Net : Module<Tensor, Tensor>
    {
        private readonly Linear _fc1 = Linear(3, 4);
        private readonly BatchNorm1d _bn = BatchNorm1d(4);
        private readonly Linear _fc2 = Linear(4, 2);

        public Net() : base(nameof(Net)) => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            using var h = _fc1.call(x);
            using var n = _bn.call(h);
            using var r = n.relu();
            return _fc2.call(r);
        }
    }

    /// <summary>Fields of every registrable kind, to check RegisterComponents' naming rules.</summary>
    private sealed class Components : Module<Tensor, Tensor>
    {
        private readonly Parameter _scale = new(ones([2]));
        private readonly Parameter? _shift = null;
        private readonly Tensor _mask = zeros([2]);

        public Components() : base(nameof(Components)) => RegisterComponents();

        public Linear head { get; } = Linear(2, 2);

        public override Tensor forward(Tensor x) => (x * _scale + (_shift ?? _mask)) + head.call(x);
    }

    [Fact]
    public void NamedParametersAreDottedAndInRegistrationOrder()
    {
        using var net = new Net();
        Assert.Equal(["fc1.weight", "fc1.bias", "bn.weight", "bn.bias", "fc2.weight", "fc2.bias"],
            net.named_parameters().Select(p => p.name).ToArray());
        Assert.Equal(["bn.running_mean", "bn.running_var", "bn.num_batches_tracked"], net.named_buffers().Select(b => b.name).ToArray());
        Assert.Equal(["fc1", "bn", "fc2"], net.named_children().Select(c => c.name).ToArray());
        Assert.Equal(["", "fc1", "bn", "fc2"], net.named_modules().Select(m => m.name).ToArray());
    }

    [Fact]
    public void StateDictOrdersEachModulesParametersThenBuffersThenChildren()
    {
        using var scope = NewDisposeScope();
        using var net = new Net();
        Assert.Equal(
            ["fc1.weight", "fc1.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked", "fc2.weight", "fc2.bias"],
            net.state_dict().Keys.ToArray());
    }

    [Fact]
    public void RegisterComponentsDropsUnderscoresNamesPropertiesAndReservesNullParameters()
    {
        using var m = new Components();
        Assert.Equal(["scale", "head.weight", "head.bias"], m.named_parameters().Select(p => p.name).ToArray());
        Assert.Equal(["mask"], m.named_buffers().Select(b => b.name).ToArray());
        Assert.Equal(["head"], m.named_children().Select(c => c.name).ToArray());
        // The null parameter holds its name: a buffer cannot take it.
        var e = Assert.Throws<ArgumentException>(() => m.register_buffer("shift", zeros([1])));
        Assert.Contains("attribute 'shift' already exists", e.Message);
    }

    [Fact]
    public void RegisteredNamesCannotContainDotsOrClashAcrossKinds()
    {
        using var lin = Linear(2, 2);
        Assert.Contains("cannot contain '.'", Assert.Throws<ArgumentException>(() => lin.register_buffer("a.b", zeros([1]))).Message);
        Assert.Contains("attribute 'weight' already exists", Assert.Throws<ArgumentException>(() => lin.register_module("weight", ReLU())).Message);
        Assert.Contains("register_parameter", Assert.Throws<ArgumentException>(() => lin.register_buffer("p", new Parameter(zeros([1])))).Message);
    }

    [Fact]
    public void RegisteredTensorsOutliveTheDisposeScopeTheyWereCreatedIn()
    {
        Linear lin;
        using (NewDisposeScope())
        {
            lin = Linear(2, 3);
            lin.register_buffer("counts", zeros([3]));
        }
        using (lin)
        {
            Assert.False(lin.weight.IsInvalid);
            Assert.False(lin.get_buffer("counts").IsInvalid);
        }
        Assert.True(lin.weight.IsInvalid);
    }

    [Fact]
    public void GetParameterFollowsDottedPaths()
    {
        using var seq = Sequential(Linear(2, 3), ReLU(), Linear(3, 1));
        Assert.Same(((Linear)seq[2]).weight, seq.get_parameter("2.weight"));
        Assert.Contains("no parameter 'gain'", Assert.Throws<ArgumentException>(() => seq.get_parameter("0.gain")).Message);
        Assert.Contains("no submodule '7'", Assert.Throws<ArgumentException>(() => seq.get_parameter("7.weight")).Message);
    }

    [Fact]
    public void StateDictRoundTripReproducesTheOutputs()
    {
        using var scope = NewDisposeScope();
        using var source = new Net();
        using var target = new Net();
        var x = randn([5, 3], generator: new Generator(3));
        source.train();
        source.call(x);                           // moves the running statistics away from their initial values
        source.eval();
        target.eval();
        var weightBefore = target.get_parameter("fc1.weight");

        var (missing, unexpected) = target.load_state_dict(source.state_dict());

        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Same(weightBefore, target.get_parameter("fc1.weight"));
        NnAssert.Close(source.call(x), target.call(x), 0);
        Assert.Equal(1, target.get_buffer("bn.num_batches_tracked").ToInt64());
    }

    [Fact]
    public void LoadStateDictNamesMissingUnexpectedAndMismatchedKeysAndCopiesNothing()
    {
        using var scope = NewDisposeScope();
        using var lin = Linear(3, 2);
        var before = lin.weight.clone();
        var state = new Dictionary<string, Tensor> { ["weight"] = zeros([2, 4]), ["gain"] = ones([1]) };

        var e = Assert.Throws<ArgumentException>(() => lin.load_state_dict(state));

        Assert.Equal(
            "Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: \"bias\".\n\t" +
            "Unexpected key(s) in state_dict: \"gain\".\n\tsize mismatch for weight: copying a param with shape [2, 4] " +
            "from checkpoint, the shape in current model is [2, 3].", e.Message);
        Assert.True(lin.weight.equal(before));
    }

    [Fact]
    public void NonStrictLoadReportsKeysButStillRejectsShapeMismatches()
    {
        using var scope = NewDisposeScope();
        using var lin = Linear(3, 2);
        var (missing, unexpected) = lin.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = ones([2, 3]), ["gain"] = ones([1]) }, strict: false);
        Assert.Equal(["bias"], missing);
        Assert.Equal(["gain"], unexpected);
        Assert.Equal(Enumerable.Repeat(1f, 6), lin.weight.data<float>());
        Assert.Throws<ArgumentException>(() => lin.load_state_dict(new Dictionary<string, Tensor> { ["bias"] = ones([3]) }, strict: false));
    }

    [Fact]
    public void ToFloat64KeepsParameterIdentityGradientsAndIntegerBuffers()
    {
        using var scope = NewDisposeScope();
        using var net = new Net();
        var heldWeight = net.get_parameter("fc1.weight");          // as an optimizer built before the move holds it
        net.call(randn([4, 3])).sum().backward();

        net.to(float64);

        Assert.Same(heldWeight, net.get_parameter("fc1.weight"));
        Assert.Equal(float64, heldWeight.dtype);
        Assert.Equal(float64, heldWeight.grad!.dtype);
        Assert.Equal(float64, net.get_buffer("bn.running_var").dtype);
        Assert.Equal(int64, net.get_buffer("bn.num_batches_tracked").dtype);
        Assert.True(heldWeight.requires_grad && heldWeight.is_leaf);
        net.zero_grad();
        net.call(randn([4, 3], float64)).sum().backward();
        Assert.Equal(float64, heldWeight.grad!.dtype);
    }

    [Fact]
    public void ToAnIntegerTypeIsRejected()
    {
        using var lin = Linear(2, 2);
        Assert.Contains("floating point", Assert.Throws<ArgumentException>(() => lin.to(int64)).Message);
    }

    [Fact]
    public void ZeroGradClearsToNullOrToZeros()
    {
        using var scope = NewDisposeScope();
        using var lin = Linear(2, 1);
        lin.call(ones([1, 2])).sum().backward();
        lin.zero_grad(set_to_none: false);
        Assert.Equal([0f, 0f], lin.weight.grad!.data<float>());
        lin.zero_grad();
        Assert.Null(lin.weight.grad);
        Assert.Null(lin.bias!.grad);
    }

    [Fact]
    public void TrainAndEvalReachEverySubmodule()
    {
        using var net = new Net();
        net.eval();
        Assert.All(net.modules(), m => Assert.False(m.training));
        net.train();
        Assert.All(net.modules(), m => Assert.True(m.training));
    }

    [Fact]
    public void SequentialChainsLayersAndIsIndexable()
    {
        using var scope = NewDisposeScope();
        using var seq = Sequential(Linear(2, 2), ReLU(), Flatten(0));
        using (no_grad())
        {
            ((Linear)seq[0]).weight.copy_(tensor(new float[] { 1, -1, -1, 1 }, [2, 2]));
            ((Linear)seq[0]).bias!.zero_();
        }
        // [1, 3] → W x = [1 − 3, −1 + 3] = [−2, 2] → ReLU → [0, 2]
        NnAssert.Close([0, 2], seq.call(tensor(new float[] { 1, 3 }, [1, 2])), 0);
        Assert.Equal(3, seq.Count);
        Assert.IsType<Flatten>(seq[^1]);
        Assert.Equal(["0.weight", "0.bias"], seq.named_parameters().Select(p => p.name).ToArray());
    }

    [Fact]
    public void NamedSequentialUsesTheGivenNames()
    {
        using var seq = Sequential(("encoder", Linear(4, 2)), ("act", Tanh()));
        Assert.Equal(["encoder.weight", "encoder.bias"], seq.named_parameters().Select(p => p.name).ToArray());
        Assert.Contains("already has a layer named 'act'", Assert.Throws<ArgumentException>(() => seq.append("act", ReLU())).Message);
    }

    [Fact]
    public void ModuleListRegistersItsItemsByPosition()
    {
        using var list = ModuleList(Linear(2, 2), Linear(2, 2, bias: false));
        Assert.Equal(["0.weight", "0.bias", "1.weight"], list.named_parameters().Select(p => p.name).ToArray());
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void PrintsAsPyTorchDoes()
    {
        using var seq = Sequential(Conv2d(1, 8, 3, padding: 1, bias: false), BatchNorm2d(8), ReLU(), Linear(8, 2));
        Assert.Equal(
            "Sequential(\n" +
            "  (0): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n" +
            "  (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n" +
            "  (2): ReLU()\n" +
            "  (3): Linear(in_features=8, out_features=2, bias=True)\n" +
            ")", seq.ToString());
    }

    [Fact]
    public void ASharedParameterIsListedOnce()
    {
        using var scope = NewDisposeScope();
        using var a = Linear(2, 2);
        using var seq = Sequential(a, ReLU(), a);
        Assert.Equal(2, seq.parameters().Count());
        Assert.Equal(4, seq.state_dict().Count);      // state_dict lists it under both names, as PyTorch does
    }
}
