using Papers.QProp;
using Papers.Shared.Cli;

namespace Papers.QProp.Tests;

public class ConfigTests
{
    [Fact]
    public void CudaIsRefusedWithTheReason()
    {
        var error = new StringWriter();
        var result = Cli.Parse(new QPropConfig(), ["--device", "cuda"], new StringWriter(), error);
        Assert.Equal(Cli.UsageError, result.ExitCode);
        Assert.Contains("--device cuda: Q-Prop runs on the CPU only", error.ToString());
    }

    /// <summary>TRPO can run at its own batch size per task (Table 1's best TRPO settings); the rest keep --batch-size.</summary>
    [Fact]
    public void TrpoBatchSizesApplyPerTaskToTrpoOnly()
    {
        var result = Cli.Parse(new QPropConfig(), ["--trpo-batch-sizes", "HalfCheetah=25000"], new StringWriter(), new StringWriter());
        var config = result.Config!;
        Assert.Equal(25000, config.BatchSizeFor("trpo", "HalfCheetah"));
        Assert.Equal(5000, config.BatchSizeFor("trpo", "Hopper"));
        Assert.Equal(5000, config.BatchSizeFor("qprop-c", "HalfCheetah"));
    }

    [Theory]
    [InlineData("Cheetah=25000", "unknown task 'Cheetah'")]
    [InlineData("HalfCheetah=0", "is not Task=steps")]
    public void BadTrpoBatchSizesAreRefused(string value, string message)
    {
        var error = new StringWriter();
        var result = Cli.Parse(new QPropConfig(), ["--trpo-batch-sizes", value], new StringWriter(), error);
        Assert.Equal(Cli.UsageError, result.ExitCode);
        Assert.Contains(message, error.ToString());
    }
}
