namespace Papers.Shared.Cli;

/// <summary>
/// What parsing a command line decided: run with <see cref="Config"/>, or stop with <see cref="ExitCode"/>
/// (0 after --help, 2 after a usage error, as Unix tools do).
/// </summary>
public sealed record CliResult<T>(T? Config, int ExitCode) where T : RunConfig
{
    public bool ShouldRun => Config is not null;
}
