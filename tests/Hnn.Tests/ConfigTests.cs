using Papers.Hnn;
using Papers.Shared.Cli;

namespace Papers.Hnn.Tests;

public class ConfigTests
{
    [Fact]
    public void CudaIsRefusedWithTheReason()
    {
        var error = new StringWriter();
        var result = Cli.Parse(new HnnConfig(), ["--device", "cuda"], new StringWriter(), error);
        Assert.Equal(Cli.UsageError, result.ExitCode);
        Assert.Contains("--device cuda: the models run on managed float64 kernels on the CPU", error.ToString());
    }

    [Fact]
    public void OnlyTable1IsSwept()
    {
        Assert.Contains("--tables 1", new HnnConfig().WhyNotSweepable());
        Assert.Null(new HnnConfig { Tables = [1] }.WhyNotSweepable());
    }
}
