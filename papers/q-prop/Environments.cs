using Papers.Shared.Data;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.QProp;

/// <summary>One environment step: Gym's (observation, reward, done).</summary>
public readonly record struct Transition(double[] Observation, double Reward, bool Done);

/// <summary>
/// A Gym-v1 MuJoCo task as gym 0.7.4's gym/envs/mujoco/mujoco_env.py runs it (reset: mj_resetData, then the task's
/// reset_model, then mj_forward; step: ctrl ← action, frame_skip calls of mj_step), seen through rllab's
/// normalize() wrapper as the authors ran it: the policy acts in [−1, 1]ᵈ, scaled affinely to the actuators'
/// ctrlrange and clipped (rllab/envs/normalized_env.py). The 1000-step limit is gym's TimeLimit for every -v1 task here.
/// </summary>
public abstract class GymEnvironment : IDisposable
{
    private readonly (double Low, double High)[] _range;

    protected GymEnvironment(string name, string xmlFile, int frameSkip)
    {
        Name = name;
        FrameSkip = frameSkip;
        Sim = new Simulation(xmlFile);
        _range = Sim.ControlRange();
        InitQPos = Sim.QPos0.ToArray();
        ObservationSize = Observe().Length;
    }

    public string Name { get; }
    public Simulation Sim { get; }
    public int FrameSkip { get; }
    public int ObservationSize { get; }
    public int ActionSize => Sim.Nu;
    public int MaxEpisodeSteps => Horizon;

    /// <summary>Gym -v1's step limit for every task here (rllab's env.horizon).</summary>
    public const int Horizon = 1000;

    /// <summary>mujoco_env.py's dt: opt.timestep · frame_skip.</summary>
    public double Dt => Sim.Timestep * FrameSkip;

    /// <summary>Gym's init_qpos (qpos0); init_qvel is zero.</summary>
    protected double[] InitQPos { get; }

    public double[] Reset(Generator generator)
    {
        Sim.Reset();
        ResetModel(generator);
        Sim.Forward();
        return Observe();
    }

    /// <summary>action in [−1, 1]ᵈ (values outside are clipped after scaling, as rllab's normalize does).</summary>
    public Transition Step(ReadOnlySpan<double> action)
    {
        if (action.Length != ActionSize) throw new ArgumentException($"{Name} takes {ActionSize} actions, not {action.Length}", nameof(action));
        var ctrl = Sim.Ctrl;
        var scaled = new double[ActionSize];
        for (var i = 0; i < ActionSize; i++)
        {
            var (low, high) = _range[i];
            scaled[i] = Math.Clamp(low + (action[i] + 1) * 0.5 * (high - low), low, high);
            ctrl[i] = scaled[i];
        }
        var xBefore = Sim.QPos[0];
        Sim.Step(FrameSkip);
        var (reward, done) = RewardAndDone(xBefore, scaled);
        return new Transition(Observe(), reward, done);
    }

    /// <summary>The task's _get_obs.</summary>
    protected abstract double[] Observe();

    /// <summary>The task's reset_model: noise around the initial state.</summary>
    protected abstract void ResetModel(Generator generator);

    /// <summary>The task's reward and termination after the frames of one step.</summary>
    protected abstract (double Reward, bool Done) RewardAndDone(double xBefore, double[] action);

    protected void SetState(double[] qpos, double[] qvel)
    {
        qpos.CopyTo(Sim.QPos);
        qvel.CopyTo(Sim.QVel);
    }

    protected static double[] Uniform(Generator generator, double low, double high, int n)
    {
        using var u = rand([n], ScalarType.Float64, generator: generator);
        return u.data<double>().Select(x => low + (high - low) * x).ToArray();
    }

    protected static double[] Normal(Generator generator, double scale, int n)
    {
        using var z = randn([n], ScalarType.Float64, generator: generator);
        return z.data<double>().Select(x => scale * x).ToArray();
    }

    protected static double SquaredNorm(double[] a) => a.Sum(x => x * x);

    protected static double[] Add(ReadOnlySpan<double> a, double[] b)
    {
        var sum = new double[b.Length];
        for (var i = 0; i < b.Length; i++) sum[i] = a[i] + b[i];
        return sum;
    }

    public void Dispose()
    {
        Sim.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The tasks, by the names Table 1 uses; XMLs from gym 0.7.4 (data: mujoco/gym-v1/).</summary>
public static class Environments
{
    public static readonly string[] Names = ["HalfCheetah", "Hopper", "Walker2d", "Swimmer"];

    /// <summary>The task's model from the data folders, or a clear error naming the missing file.</summary>
    public static GymEnvironment Create(string name)
    {
        var model = Model(Xml(name));
        return name switch
        {
            "HalfCheetah" => new HalfCheetah(model),
            "Hopper" => new Hopper(model),
            "Walker2d" => new Walker2d(model),
            _ => new Swimmer(model),
        };
    }

    /// <summary>The XMLs of <paramref name="names"/>, checked before the first step.</summary>
    public static IEnumerable<Prerequisite> Prerequisites(IEnumerable<string> names) => names.Select(name => Prerequisite.DataFile(DataPath(Xml(name))));

    private static string Xml(string name) => name switch
    {
        "HalfCheetah" => "half_cheetah.xml",
        "Hopper" => "hopper.xml",
        "Walker2d" => "walker2d.xml",
        "Swimmer" => "swimmer.xml",
        _ => throw new ArgumentException($"unknown environment '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    private static string DataPath(string file) => System.IO.Path.Combine("mujoco", "gym-v1", file);

    /// <summary>
    /// gym 0.7.4's XML, with the inline arithmetic MuJoCo 1.31 tolerated but 2.2.2 rejects ("problem reading
    /// attribute 'pos'") replaced by gym's own 2022 fix. The bodies sit in coordinate="global" models, where a body's
    /// pos only places its frame: geoms and joints carry their own global positions, so the dynamics are unchanged.
    /// </summary>
    public static string Model(string file)
    {
        var path = DataFiles.Get(DataPath(file));
        var xml = File.ReadAllText(path);
        var patched = InlineArithmeticFixes.Aggregate(xml, (text, fix) => text.Replace(fix.Key, fix.Value));
        if (patched == xml) return path;
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "papers-q-prop", Environment.ProcessId.ToString());
        Directory.CreateDirectory(folder);
        var copy = System.IO.Path.Combine(folder, file);
        File.WriteAllText(copy, patched);
        return copy;
    }

    /// <summary>hopper.xml's foot and walker2d.xml's two feet, as gym's 2022 XMLs (gym 0.26.2) write them.</summary>
    public static readonly IReadOnlyDictionary<string, string> InlineArithmeticFixes = new Dictionary<string, string>
    {
        ["pos=\"0.13/2 0 0.1\""] = "pos=\"0.13 0 0\"",
        ["pos=\"0.2/2 0 0.1\""] = "pos=\"0.2 0 0\"",
    };
}

/// <summary>gym 0.7.4 half_cheetah.py: frame_skip 5; r = Δx/dt − 0.1·|a|²; never done; obs = qpos[1:] ++ qvel.</summary>
public sealed class HalfCheetah(string xml) : GymEnvironment("HalfCheetah", xml, frameSkip: 5)
{
    protected override double[] Observe() => [.. Sim.QPos[1..], .. Sim.QVel];

    // qpos = init_qpos + U(−0.1, 0.1); qvel = init_qvel + 0.1·N(0, 1)
    protected override void ResetModel(Generator generator) =>
        SetState(Add(InitQPos, Uniform(generator, -0.1, 0.1, Sim.Nq)), Normal(generator, 0.1, Sim.Nv));

    protected override (double, bool) RewardAndDone(double xBefore, double[] action) =>
        ((Sim.QPos[0] - xBefore) / Dt - 0.1 * SquaredNorm(action), false);
}

/// <summary>
/// gym 0.7.4 hopper.py: frame_skip 4; r = Δx/dt + 1 − 1e-3·|a|²; done unless the state is finite, |s[2:]| &lt; 100,
/// height &gt; 0.7 and |angle| &lt; 0.2; obs = qpos[1:] ++ clip(qvel, −10, 10).
/// </summary>
public sealed class Hopper(string xml) : GymEnvironment("Hopper", xml, frameSkip: 4)
{
    protected override double[] Observe() => [.. Sim.QPos[1..], .. Clip(Sim.QVel, 10)];

    // qpos = init_qpos + U(−0.005, 0.005); qvel = init_qvel + U(−0.005, 0.005)
    protected override void ResetModel(Generator generator) =>
        SetState(Add(InitQPos, Uniform(generator, -0.005, 0.005, Sim.Nq)), Uniform(generator, -0.005, 0.005, Sim.Nv));

    protected override (double, bool) RewardAndDone(double xBefore, double[] action)
    {
        var qpos = Sim.QPos;
        var reward = (qpos[0] - xBefore) / Dt + 1.0 - 1e-3 * SquaredNorm(action);
        double[] state = [.. qpos, .. Sim.QVel];                    // state_vector(): qpos ++ qvel
        var healthy = state.All(double.IsFinite) && state.Skip(2).All(s => Math.Abs(s) < 100) && qpos[1] > 0.7 && Math.Abs(qpos[2]) < 0.2;
        return (reward, !healthy);
    }

    internal static double[] Clip(ReadOnlySpan<double> values, double bound)
    {
        var clipped = new double[values.Length];
        for (var i = 0; i < values.Length; i++) clipped[i] = Math.Clamp(values[i], -bound, bound);
        return clipped;
    }
}

/// <summary>
/// gym 0.7.4 walker2d.py: frame_skip 4; r = Δx/dt + 1 − 1e-3·|a|²; done unless 0.8 &lt; height &lt; 2 and
/// −1 &lt; angle &lt; 1; obs = qpos[1:] ++ clip(qvel, −10, 10).
/// </summary>
public sealed class Walker2d(string xml) : GymEnvironment("Walker2d", xml, frameSkip: 4)
{
    protected override double[] Observe() => [.. Sim.QPos[1..], .. Hopper.Clip(Sim.QVel, 10)];

    // qpos = init_qpos + U(−0.005, 0.005); qvel = init_qvel + U(−0.005, 0.005)
    protected override void ResetModel(Generator generator) =>
        SetState(Add(InitQPos, Uniform(generator, -0.005, 0.005, Sim.Nq)), Uniform(generator, -0.005, 0.005, Sim.Nv));

    protected override (double, bool) RewardAndDone(double xBefore, double[] action)
    {
        var qpos = Sim.QPos;
        var reward = (qpos[0] - xBefore) / Dt + 1.0 - 1e-3 * SquaredNorm(action);
        var (height, angle) = (qpos[1], qpos[2]);
        return (reward, !(height > 0.8 && height < 2.0 && angle > -1.0 && angle < 1.0));
    }
}

/// <summary>gym 0.7.4 swimmer.py: frame_skip 4; r = Δx/dt − 1e-4·|a|²; never done; obs = qpos[2:] ++ qvel.</summary>
public sealed class Swimmer(string xml) : GymEnvironment("Swimmer", xml, frameSkip: 4)
{
    protected override double[] Observe() => [.. Sim.QPos[2..], .. Sim.QVel];

    // qpos = init_qpos + U(−0.1, 0.1); qvel = init_qvel + U(−0.1, 0.1)
    protected override void ResetModel(Generator generator) =>
        SetState(Add(InitQPos, Uniform(generator, -0.1, 0.1, Sim.Nq)), Uniform(generator, -0.1, 0.1, Sim.Nv));

    protected override (double, bool) RewardAndDone(double xBefore, double[] action) =>
        ((Sim.QPos[0] - xBefore) / Dt - 1e-4 * SquaredNorm(action), false);
}
