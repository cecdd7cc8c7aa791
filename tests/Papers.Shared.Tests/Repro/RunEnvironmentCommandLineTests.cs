using Papers.Shared.Repro;

namespace Papers.Shared.Tests;

public class RunEnvironmentCommandLineTests
{
    [Fact]
    public void CommandLineKeepsTheProgramNameAndArgumentsButNotItsPath()
    {
        Assert.Equal("Gcn --tables 2,3 --resume", RunEnvironment.CommandLineOf(["/some/build/bin/Debug/net10.0/Gcn.dll", "--tables", "2,3", "--resume"]));
        Assert.Equal("Gcn", RunEnvironment.CommandLineOf(["Gcn"]));
        Assert.Equal("", RunEnvironment.CommandLineOf([]));
    }

    [Fact]
    public void AbsolutePathsInsideTheRepositoryAreWrittenRelativeToIt()
    {
        var root = Path.Combine(Path.GetTempPath(), "clone");
        Assert.Equal("Gcn --out results/gcn --tables 2",
            RunEnvironment.CommandLineOf(["Gcn", "--out", Path.Combine(root, "results", "gcn"), "--tables", "2"], root));
        var outside = Path.Combine(Path.GetTempPath(), "elsewhere");
        Assert.Equal($"Gcn --out {outside}", RunEnvironment.CommandLineOf(["Gcn", "--out", outside], root));
        Assert.Equal("Gcn --out artifacts/x", RunEnvironment.CommandLineOf(["Gcn", "--out", "artifacts/x"], root));
        Assert.Equal(".", RepoRoot.Relative(root, root));
        Assert.Equal(Path.Combine(Path.GetTempPath(), "clone2"), RepoRoot.Relative(Path.Combine(Path.GetTempPath(), "clone2"), root));
    }
}
