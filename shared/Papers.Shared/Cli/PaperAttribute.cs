namespace Papers.Shared.Cli;

/// <summary>
/// Where in the paper a hyperparameter's default comes from (<c>[Paper("§5.2")]</c>, <c>[Paper("Table 3")]</c>):
/// <c>--help</c> shows it beside the flag, so the source travels with the value rather than in a comment.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class PaperAttribute : Attribute
{
    public PaperAttribute(string source)
    {
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("a paper source needs a section, equation or table", nameof(source));
        Source = source;
    }

    public string Source { get; }
}
