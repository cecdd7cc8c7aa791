namespace Papers.Shared.Cli;

/// <summary>
/// A config record that checks its own ranges. <see cref="Cli"/> calls <see cref="Validate"/> after binding the
/// flags; an <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/> thrown here becomes a usage
/// error (exit code 2) carrying its message, so write the message for the person at the command line.
/// </summary>
public interface IValidatable
{
    void Validate();
}
