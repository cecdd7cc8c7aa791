using static Papers.Torch.torch;

namespace Papers.QProp.Tests;

/// <summary>The Gym-v1 tasks: sizes, rewards on scripted actions, termination, determinism, and MuJoCo's errors.</summary>
[Collection("Serial")]
public class EnvironmentTests
{
    /// <summary>gym 0.7.4's observation and action sizes.</summary>
    [Theory]
    [InlineData("HalfCheetah", 17, 6)]
    [InlineData("Hopper", 11, 3)]
    [InlineData("Walker2d", 17, 6)]
    [InlineData("Swimmer", 8, 2)]
    public void ObservationAndActionSizes(string name, int observation, int action)
    {
        using var env = Environments.Create(name);
        using var generator = new Generator(0);
        Assert.Equal(observation, env.ObservationSize);
        Assert.Equal(observation, env.Reset(generator).Length);
        Assert.Equal(action, env.ActionSize);
    }

    /// <summary>
    /// Forward-progress rewards telescope: over a scripted action sequence, Σ r_t = (x_T − x_0)/dt + alive·T −
    /// c·Σ|a_t|², with gym 0.7.4's control cost c and alive bonus per task (every action in [−1, 1], ctrlrange
    /// [−1, 1], so the scaled action is the action).
    /// </summary>
    [Theory]
    [InlineData("HalfCheetah", 0.1, 0.0, 0.05)]
    [InlineData("Hopper", 1e-3, 1.0, 0.008)]
    [InlineData("Walker2d", 1e-3, 1.0, 0.008)]
    [InlineData("Swimmer", 1e-4, 0.0, 0.04)]
    public void RewardsTelescopeOverAScriptedSequence(string name, double controlCost, double alive, double dt)
    {
        using var env = Environments.Create(name);
        using var generator = new Generator(0);
        env.Reset(generator);
        AssertClose.Equal(dt, env.Dt, abs: 1e-12);
        var x0 = env.Sim.QPos[0];
        var (total, cost, steps) = (0.0, 0.0, 0);
        for (var t = 0; t < 20; t++)
        {
            var action = Scripted(t, env.ActionSize);
            var step = env.Step(action);
            total += step.Reward;
            cost += action.Sum(a => a * a);
            steps++;
            if (step.Done) break;
        }
        var expected = (env.Sim.QPos[0] - x0) / env.Dt + alive * steps - controlCost * cost;
        AssertClose.Equal(expected, total, abs: 1e-9);
    }

    /// <summary>The same seed and actions give bit-identical observations and rewards.</summary>
    [Theory]
    [InlineData("HalfCheetah")]
    [InlineData("Hopper")]
    public void RolloutsAreDeterministic(string name)
    {
        using var env = Environments.Create(name);
        var first = Rollout(env);
        var second = Rollout(env);
        Assert.Equal(first, second);
    }

    /// <summary>With zero torques the hopper falls: the episode ends early, on height ≤ 0.7 or |angle| ≥ 0.2.</summary>
    [Fact]
    public void HopperTerminatesWhenItFalls()
    {
        using var env = Environments.Create("Hopper");
        using var generator = new Generator(0);
        env.Reset(generator);
        var zero = new double[env.ActionSize];
        var t = 0;
        while (!env.Step(zero).Done) Assert.True(++t < env.MaxEpisodeSteps, "the hopper never fell");
        Assert.True(env.Sim.QPos[1] <= 0.7 || Math.Abs(env.Sim.QPos[2]) >= 0.2);
    }

    /// <summary>Rewards of a scripted HalfCheetah and Hopper episode prefix, pinned: a diff means the simulation changed.</summary>
    [Fact]
    public void ScriptedRewardsArePinned()
    {
        var rows = new List<ScriptedReward>();
        foreach (var name in new[] { "HalfCheetah", "Hopper" })
        {
            using var env = Environments.Create(name);
            using var generator = new Generator(0);
            env.Reset(generator);
            for (var t = 0; t < 10; t++) rows.Add(new ScriptedReward(name, t, env.Step(Scripted(t, env.ActionSize)).Reward));
        }
        Snapshot.VerifyCsv(rows, new CsvTolerances { Numbers = Tolerance.Abs(1e-9) });
    }

    [Fact]
    public void MissingModelGivesMuJoCosError()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "no-such-model.xml");
        var e = Assert.Throws<MuJoCoException>(() => new Simulation(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("XML_ERROR_FILE_NOT_FOUND", e.Message);
    }

    [Fact]
    public void MalformedModelGivesMuJoCosError()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"malformed-{Environment.ProcessId}.xml");
        File.WriteAllText(path, "<mujoco><worldbody><geom type=\"sphere\" size=\"0.1\"></worldbody>");
        try
        {
            var e = Assert.Throws<MuJoCoException>(() => new Simulation(path));
            Assert.Contains("XML_ERROR_MISMATCHED_ELEMENT", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>gym 0.7.4's own hopper.xml, unpatched, fails in MuJoCo 2.2.2 with MuJoCo's words, not a crash.</summary>
    [Fact]
    public void InlineArithmeticIsRejectedWithMuJoCosText()
    {
        var path = Papers.Shared.Data.DataFiles.Get(System.IO.Path.Combine("mujoco", "gym-v1", "hopper.xml"));
        var e = Assert.Throws<MuJoCoException>(() => new Simulation(path));
        Assert.Contains("problem reading attribute 'pos'", e.Message);
    }

    private static double[] Scripted(int t, int size) =>
        Enumerable.Range(0, size).Select(i => Math.Sin(0.3 * t + i)).ToArray();

    private static List<double> Rollout(GymEnvironment env)
    {
        using var generator = new Generator(5);
        var values = new List<double>(env.Reset(generator));
        for (var t = 0; t < 50; t++)
        {
            var step = env.Step(Scripted(t, env.ActionSize));
            values.AddRange(step.Observation);
            values.Add(step.Reward);
            if (step.Done) break;
        }
        return values;
    }

    public sealed record ScriptedReward(string Environment, int Step, double Reward);
}
