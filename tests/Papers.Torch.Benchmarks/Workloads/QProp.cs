using Papers.QProp;
using static Papers.Torch.torch;

namespace Papers.Torch.Benchmarks.Workloads;

/// <summary>
/// The networks of TR-c-Q-Prop on HalfCheetah (papers/q-prop, the paper's defaults): the 100-50-25 tanh Gaussian policy
/// and the 100-100 ReLU critic, for 17 observations and 6 actions, with their initial weights as <see cref="Prepare"/>
/// wrote them.
/// </summary>
internal static class QPropNetworks
{
    public const int Observations = 17, Actions = 6;

    public static QPropConfig Config { get; } = new();

    public static GaussianPolicy NewPolicy() => new(Observations, Actions, Config.PolicyHidden);

    public static Critic NewCritic() => new(Observations, Actions, Config.CriticHidden, Config.CriticLearningRate, Config.CriticBatch,
        Config.Gamma, Config.Tau, rewardScale: 1);

    /// <summary>Fresh networks' initial weights (from the global generator): the policy's by name, the critic's flat.</summary>
    public static Dictionary<string, Tensor> Prepare()
    {
        using var policy = NewPolicy();
        using var critic = NewCritic();
        var tensors = policy.named_parameters().ToDictionary(p => "policy." + p.name, p => p.parameter.detach().clone());
        tensors["critic"] = critic.Q.Weights.detach().clone();
        return tensors;
    }

    /// <summary>The networks with the weights of <see cref="Prepare"/>; the critic's target starts equal to it.</summary>
    public static (GaussianPolicy Policy, Critic Critic) Load(Dictionary<string, Tensor> inputs) => (LoadPolicy(inputs), LoadCritic(inputs));

    public static GaussianPolicy LoadPolicy(Dictionary<string, Tensor> inputs)
    {
        var policy = NewPolicy();
        using var _ = no_grad();
        foreach (var (name, p) in policy.named_parameters()) p.copy_(inputs["policy." + name]);
        return policy;
    }

    private static Critic LoadCritic(Dictionary<string, Tensor> inputs)
    {
        var critic = NewCritic();
        using (no_grad()) critic.Q.Weights.copy_(inputs["critic"]);
        Polyak.Copy(critic.Target, critic.Q);
        return critic;
    }
}

/// <summary>
/// Q-Prop's critic training as the training loop runs it (<see cref="FusedCritic.Train"/>, the default kernel), 50 critic
/// steps a call: each on a minibatch of 64 transitions drawn with replacement from a replay pool of 10,000 (one randint
/// for the call's steps), TD targets y = r + γ(1 − done) Q_w'(s', μ_θ(s')) with μ_θ(s') from one policy call, Adam
/// (lr 1e-3) on the mean squared TD error and the Polyak average (τ = 1e-3) of the target; returns the steps' mean loss.
/// The pool is synthetic: standard normal rows, every 1000th transition terminal.
/// </summary>
/// <remarks>
/// The loop calls the kernel for a batch's 5000 steps, which it takes 250 at a time. 50 a call costs one more copy of
/// the weights and Adam's moments in and out per 50 steps (about 1%), and keeps the five losses the benchmark compares
/// within the first 250 steps: the two sides' float32 sums round differently, and training on the noise of the pool
/// amplifies that to 1e-3 relative by step 1000, on the libtorch path (<see cref="Critic.Step"/>) as well.
/// </remarks>
public sealed class QPropCriticStep : Workload
{
    private const int Pool = 10_000, CriticSteps = 50;

    public override string Name => "qprop-critic-step";
    public override double? TargetRatio => 0.7;
    public override string Description => "Q-Prop critic (HalfCheetah, 100-100 ReLU): 50 steps of minibatch 64, TD target via μ(s'), Adam, Polyak";
    public override string Unit => $"{CriticSteps} critic steps";
    public override int Warmup => 5;
    public override int Steps => 50;

    public override void Prepare(string folder)
    {
        var tensors = QPropNetworks.Prepare();
        var width = 2 * QPropNetworks.Observations + QPropNetworks.Actions + 2;
        using var generator = new Generator(0);
        var rows = randn([Pool, width], generator: generator).data<float>();
        for (var i = 0; i < Pool; i++) rows[i * width + width - 1] = i % 1000 == 999 ? 1f : 0f;   // [s, a, r, s', done]
        tensors["replay"] = tensor(rows, [Pool, width]);
        SaveInputs(folder, tensors);
        foreach (var t in tensors.Values) t.Dispose();
    }

    public override Func<double> Build(string folder)
    {
        var inputs = LoadInputs(folder);
        var (policy, critic) = QPropNetworks.Load(inputs);
        var buffer = new ReplayBuffer(Pool, QPropNetworks.Observations, QPropNetworks.Actions);
        buffer.Add(inputs["replay"].data<float>());
        foreach (var t in inputs.Values) t.Dispose();
        var fused = new FusedCritic(QPropNetworks.Observations, QPropNetworks.Actions, QPropNetworks.Config.CriticHidden, QPropNetworks.Config.CriticBatch);
        var generator = new Generator(0);
        return () => fused.Train(critic, buffer, next => policy.call(next), CriticSteps, generator);
    }
}

/// <summary>
/// One TR-c-Q-Prop policy update as the training loop runs it (<see cref="Train"/>'s LearningSignal and PolicyStep) on a
/// fixed batch of 5000 samples: Ā = ∇ₐQ_w(s, μ_θ(s))·(a − μ_θ(s)) from the critic, the conservative η, the centred signal
/// Â − ηĀ, then TRPO's step on the surrogate with the control variate's analytic term (conjugate gradient, 10
/// iterations of Fisher-vector products by double backward through the mean KL, backtracking line search to KL ≤ 0.01).
/// The batch is synthetic: standard normal observations, actions drawn from the initial policy, standard normal
/// advantages; the same batch every step, so each step starts where the last one ended.
/// </summary>
public sealed class QPropPolicyStep : Workload
{
    private const int Samples = 5000;

    public override string Name => "qprop-policy-step";
    public override string Description => "TR-c-Q-Prop policy update (HalfCheetah, 100-50-25 tanh, batch 5000): control variate, CG on Fisher-vector products, line search";
    public override int Warmup => 3;
    public override int Steps => 20;

    public override void Prepare(string folder)
    {
        var tensors = QPropNetworks.Prepare();
        using var policy = QPropNetworks.LoadPolicy(tensors);
        using var generator = new Generator(0);
        var observations = randn([Samples, QPropNetworks.Observations], generator: generator);
        using (no_grad()) tensors["actions"] = policy.call(observations) + randn([Samples, QPropNetworks.Actions], generator: generator); // log σ = 0
        tensors["observations"] = observations;
        tensors["advantages"] = randn([Samples], ScalarType.Float64, generator: generator);
        SaveInputs(folder, tensors);
        foreach (var t in tensors.Values) t.Dispose();
    }

    public override Func<double> Build(string folder)
    {
        var inputs = LoadInputs(folder);
        var (policy, critic) = QPropNetworks.Load(inputs);
        var batch = new Batch(inputs["observations"], inputs["actions"], inputs["advantages"].data<double>(), []);
        return () =>
        {
            using var scope = NewDisposeScope();
            var (signal, eta) = Train.LearningSignal("qprop-c", policy, critic, batch);
            return Train.PolicyStep(QPropNetworks.Config, policy, critic, vpg: null, batch, signal, eta).Loss;
        };
    }
}
