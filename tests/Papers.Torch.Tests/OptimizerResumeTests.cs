namespace Papers.Torch.Tests;

/// <summary>
/// Exact resumption: 10 steps, optimizer state and parameters saved to safetensors files, a fresh optimizer
/// loaded from them, 10 more steps, must equal 20 uninterrupted steps bit for bit.
/// </summary>
public class OptimizerResumeTests
{
    private sealed record Problem(Tensor X, Tensor Y);

    private static Problem MakeProblem()
    {
        var generator = new Generator(7);
        return new Problem(randn([16, 3], generator: generator), randn([16, 2], generator: generator));
    }

    private static nn.Parameter[] InitialParameters()
    {
        var generator = new Generator(11);
        using var scope = NewDisposeScope();
        return [new nn.Parameter(randn([3, 2], generator: generator)), new nn.Parameter(randn([2], generator: generator))];
    }

    // Two groups with their own lr and weight decay, so the groups' options must round-trip too.
    private static optim.Optimizer Make(string kind, nn.Parameter[] p)
    {
        optim.ParamGroup[] groups = [new([p[0]], weight_decay: 1e-2), new([p[1]], lr: 0.02)];
        return kind switch
        {
            "sgd" => optim.SGD(groups, lr: 0.05, momentum: 0.9, nesterov: true),
            "adam" => optim.Adam(groups, lr: 0.05, amsgrad: true),
            _ => optim.RMSprop(groups, lr: 0.01, momentum: 0.5, centered: true),
        };
    }

    private static void Train(optim.Optimizer optimizer, nn.Parameter[] p, Problem problem, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = (problem.X.matmul(p[0]) + p[1]).tanh().sub(problem.Y).pow(2).mean();
            loss.backward();
            optimizer.step();
        }
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("rmsprop")]
    public void TenStepsSavedAndResumedEqualTwentyStraightSteps(string kind)
    {
        var problem = MakeProblem();
        var straight = InitialParameters();
        using (var optimizer = Make(kind, straight)) Train(optimizer, straight, problem, 20);

        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var statePath = Path.Combine(folder.FullName, "optimizer.safetensors");
            var weightsPath = Path.Combine(folder.FullName, "weights.safetensors");
            var first = InitialParameters();
            using (var optimizer = Make(kind, first))
            {
                Train(optimizer, first, problem, 10);
                using var state = optimizer.state_dict();
                state.Save(statePath);
                save(new Dictionary<string, Tensor> { ["w"] = first[0], ["b"] = first[1] }, weightsPath);
            }

            var weights = load(weightsPath);
            nn.Parameter[] resumed = [new(weights["w"]), new(weights["b"])];
            using var second = Make(kind, resumed);
            using (var state = optim.StateDict.Load(statePath)) second.load_state_dict(state);
            Train(second, resumed, problem, 10);

            Assert.True(straight[0].equal(resumed[0]), $"{kind}: weights differ after resuming");
            Assert.True(straight[1].equal(resumed[1]), $"{kind}: biases differ after resuming");
            Assert.False(straight[0].equal(first[0]), "the second ten steps must move the weights");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
