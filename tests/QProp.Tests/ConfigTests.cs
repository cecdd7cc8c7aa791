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
}
