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
}
