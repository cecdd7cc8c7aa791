using System.Text.Json;

namespace Papers.Shared.Tests;

using Papers.Shared.Repro;
using Papers.Shared.Results;

public class ManifestTests
{
    internal static readonly RunEnvironment Environment = new(
        Seed: null, Threads: 2, Device: "cpu", LibtorchVersion: "1.13.1", Machine: "box", Cores: 2,
        Cpu: "Intel(R) Xeon(R) Processor", CpuExtensions: "sse sse2 avx avx2 fma", CpuKernels: "OpenBLAS Haswell, ATen avx2, oneDNN AVX2",
        OS: "Linux 6.1",
        DotnetVersion: ".NET 10.0.0", Git: new GitState("0123456789abcdef0123456789abcdef01234567", false),
        StartedAt: new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), CommandLine: "Gcn.dll --quick --hidden 32");

    [Fact]
    public void ManifestJsonHoldsEveryFieldInSnakeCase()
    {
        var config = new TinyConfig { Hidden = 32, Threads = 2, Dataset = Corpus.PubMed };
        var manifest = Manifest.Create("gcn", config, Environment, [0, 1, 2], Environment.StartedAt.AddSeconds(12.3456));
        Assert.Equal(
            """
            {
              "paper": "gcn",
              "git_commit": "0123456789abcdef0123456789abcdef01234567",
              "git_dirty": false,
              "config_type": "TinyConfig",
              "config": {
                "dataset": "pub-med",
                "hidden": 32,
                "weight_decay": 0.0005,
                "dropout": 0.5,
                "epochs": 200,
                "featureless": false,
                "name": "gcn",
                "layers": [
                  64,
                  32
                ],
                "seeds": 100,
                "device": "cpu",
                "threads": 2,
                "out": null,
                "resume": false,
                "is_quick": false
              },
              "seeds": [
                0,
                1,
                2
              ],
              "threads": 2,
              "device": "cpu",
              "libtorch_version": "1.13.1",
              "machine": "box",
              "cores": 2,
              "cpu": "Intel(R) Xeon(R) Processor",
              "cpu_extensions": "sse sse2 avx avx2 fma",
              "cpu_kernels": "OpenBLAS Haswell, ATen avx2, oneDNN AVX2",
              "os": "Linux 6.1",
              "dotnet_version": ".NET 10.0.0",
              "date": "2025-01-02T03:04:05+00:00",
              "wall_time_seconds": 12.346,
              "command_line": "Gcn.dll --quick --hidden 32"
            }

            """, manifest.ToJson());
    }

    [Fact]
    public void ManifestReadsBackWhatWasWritten()
    {
        var folder = Directory.CreateTempSubdirectory("papers-manifest-").FullName;
        try
        {
            var manifest = Manifest.Create("gcn", new TinyConfig(), Environment, [7], Environment.StartedAt.AddMinutes(2));
            var path = Path.Combine(folder, Manifest.FileName);
            manifest.Write(path);
            var read = Manifest.Read(path);
            Assert.Equal(manifest.ToJson(), read.ToJson());
            Assert.Equal(120.0, read.WallTimeSeconds);
            Assert.Equal([7L], read.Seeds);
            Assert.Equal(16, read.Config.GetProperty("hidden").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ReadingSomethingElseFailsNamingTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "null");
            var e = Assert.Throws<InvalidDataException>(() => Manifest.Read(path));
            Assert.Contains(path, e.Message);
            File.WriteAllText(path, "{ not json");
            Assert.ThrowsAny<JsonException>(() => Manifest.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
