namespace Papers.Shared.Tests;

using Papers.Shared.Repro;

public class CpuInfoTests
{
    [Fact]
    public void ParseTakesTheFirstModelAndItsVectorExtensions()
    {
        const string cpuinfo = """
            processor	: 0
            vendor_id	: GenuineIntel
            cpu family	: 6
            model		: 207
            model name	: Intel(R) Xeon(R) Processor
            flags		: fpu sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2 avx512f avx512_bf16 amx_tile aes

            processor	: 1
            model name	: Another CPU
            flags		: fpu sse
            """;
        var cpu = CpuInfo.Parse(cpuinfo);
        Assert.Equal("Intel(R) Xeon(R) Processor", cpu.Model);
        Assert.Equal(["sse", "sse2", "ssse3", "fma", "sse4_1", "sse4_2", "avx", "f16c", "avx2", "avx512f", "avx512_bf16", "amx_tile"],
            cpu.VectorExtensions);
    }
}
