using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Papers.Shared.Cli;
using Papers.Shared.Repro;

namespace Papers.Shared.Results;

/// <summary>
/// <c>manifest.json</c>: how the numbers beside it were made — commit, resolved config, seeds, threads, device,
/// library versions, machine, CPU and CPU kernels, date, wall time and command line — so that any number can be
/// remade.
/// </summary>
public sealed record Manifest(
    string Paper,
    string GitCommit,
    bool? GitDirty,
    string ConfigType,
    JsonElement Config,
    IReadOnlyList<long> Seeds,
    int Threads,
    string Device,
    string LibtorchVersion,
    string Machine,
    int Cores,
    string? Cpu,
    string? CpuExtensions,
    string? CpuKernels,
    string OS,
    string DotnetVersion,
    DateTimeOffset Date,
    double WallTimeSeconds,
    string CommandLine)
{
    public const string FileName = "manifest.json";

    /// <summary>snake_case names, enums by name, indented, non-ASCII kept readable (§, ±, Greek letters).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The manifest of a run that began at <see cref="RunEnvironment.StartedAt"/> and ends at <paramref name="finishedAt"/>.</summary>
    public static Manifest Create(string paper, RunConfig config, RunEnvironment environment, IEnumerable<long> seeds, DateTimeOffset finishedAt) => new(
        paper,
        environment.Git.Commit,
        environment.Git.Dirty,
        config.GetType().Name,
        // An --out inside the repository is recorded relative to it, as the command line is.
        JsonSerializer.SerializeToElement(config with { Out = config.Out is { } o ? RepoRoot.Relative(o, RepoRoot.Find()) : null },
            config.GetType(), JsonOptions),
        seeds.ToArray(),
        environment.Threads,
        environment.Device,
        environment.LibtorchVersion,
        environment.Machine,
        environment.Cores,
        environment.Cpu,
        environment.CpuExtensions,
        environment.CpuKernels,
        environment.OS,
        environment.DotnetVersion,
        environment.StartedAt,
        Math.Round((finishedAt - environment.StartedAt).TotalSeconds, 3),
        environment.CommandLine);

    public static Manifest Read(string path) =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"{path} holds no manifest");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Writes atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());
}
