using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;

namespace Papers.Shared.Cli;

/// <summary>
/// Binds a command line onto a paper's config record: every public settable property is a kebab-case flag
/// (<c>WeightDecay</c> → <c>--weight-decay</c>), applied to a clone of the record as <c>with</c> would.
/// <code>var config = Cli.Apply(new GcnConfig(), args);   // --quick starts from GcnConfig.Quick</code>
/// </summary>
public static class Cli
{
    /// <summary>The exit code of a usage error (unknown flag, bad value, failed validation), as in BSD's sysexits and bash.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// The bound record; after --help or a usage error, exits the process with 0 or <see cref="UsageError"/>. A
    /// <c>--device</c> that this libtorch cannot use is a usage error here too (<see cref="Repro.Repro.CheckDevice"/>).
    /// As a run's first call, it also lets SIGINT reach a run started as a script's background job (which inherits it
    /// ignored), so that Ctrl+C or <c>kill -INT</c> stops it as <see cref="Checkpoints.Checkpointer"/> documents.
    /// </summary>
    public static T Apply<T>(T config, string[] args) where T : RunConfig
    {
        Checkpoints.InterruptSignal.UndoInheritedIgnore();
        var result = Parse(config, args, Console.Out, Console.Error);
        if (!result.ShouldRun) Environment.Exit(result.ExitCode);
        try
        {
            Repro.Repro.CheckDevice(result.Config!.Device);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Environment.Exit(UsageError);
        }
        return result.Config!;
    }

    /// <summary>
    /// <see cref="Apply{T}"/> without leaving the process: help goes to <paramref name="output"/>, usage errors to
    /// <paramref name="error"/>, and the result says whether to run.
    /// </summary>
    public static CliResult<T> Parse<T>(T config, IReadOnlyList<string> args, TextWriter output, TextWriter error) where T : RunConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(args);
        var type = config.GetType();
        var flags = ConfigFlag.Of(type);
        var quick = QuickPreset(type);

        var root = new RootCommand($"{type.Name}: the paper's hyperparameters");
        root.Options.Remove(root.Options.OfType<VersionOption>().Single());
        var options = flags.Select(flag => (Flag: flag, Option: ToOption(flag))).ToList();
        foreach (var (_, option) in options) root.Options.Add(option);
        var quickOption = quick is null ? null : new Option<bool>("--quick");
        if (quickOption is not null) root.Options.Add(quickOption);

        // No response files: a value beginning with '@' is a value, not a file to read arguments from.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is HelpAction)
        {
            CliHelp.Write(output, config, quick, flags);
            return new CliResult<T>(null, 0);
        }
        var validFlags = flags.Select(f => f.Name).Concat(quick is null ? [] : ["--quick"]).Append("--help").ToList();
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) error.WriteLine($"error: {e.Message}{Suggestion(e.Message, parsed.UnmatchedTokens, validFlags)}");
            error.WriteLine($"valid flags: {string.Join(" ", validFlags)}");
            error.WriteLine("run with --help to see each flag's type, default and source in the paper");
            return new CliResult<T>(null, UsageError);
        }

        var useQuick = quickOption is not null && parsed.GetValue(quickOption);
        var start = useQuick ? quick! : config;
        var given = options
            .Where(o => parsed.GetResult(o.Option) is { Implicit: false })
            .Select(o => (o.Flag.Property, parsed.GetValue(o.Option)));
        var bound = (T)With(start, given, useQuick);
        try
        {
            bound.ValidateRun();
            (bound as IValidatable)?.Validate();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            error.WriteLine($"error: {e.Message}");
            return new CliResult<T>(null, UsageError);
        }
        return new CliResult<T>(bound, 0);
    }

    private static Option<object?> ToOption(ConfigFlag flag) => new(flag.Name)
    {
        Description = flag.Description,
        HelpName = flag.HelpName,
        Arity = flag.IsBool ? ArgumentArity.ZeroOrOne : flag.IsArray ? ArgumentArity.OneOrMore : ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            var value = flag.Parse(result.Tokens.Select(t => t.Value).ToList(), out var message);
            if (message is not null) result.AddError(message);
            return value;
        },
    };

    /// <summary>The record's <c>public static T Quick</c> preset, or null when it has none.</summary>
    private static RunConfig? QuickPreset(Type type)
    {
        var property = type.GetProperty("Quick", BindingFlags.Public | BindingFlags.Static);
        if (property is null) return null;
        if (!type.IsAssignableFrom(property.PropertyType))
            throw new ArgumentException($"{type.Name}.Quick must be a {type.Name}, not a {property.PropertyType.Name}");
        return (RunConfig)(property.GetValue(null) ?? throw new ArgumentException($"{type.Name}.Quick returned null"));
    }

    /// <summary>A <c>with</c> expression by reflection: the record's compiler-generated clone, then its init setters.</summary>
    internal static RunConfig With(RunConfig start, IEnumerable<(PropertyInfo Property, object? Value)> values, bool isQuick)
    {
        var clone = (RunConfig)start.GetType().GetMethod("<Clone>$")!.Invoke(start, null)!;
        foreach (var (property, value) in values) property.SetValue(clone, value);
        typeof(RunConfig).GetProperty(nameof(RunConfig.IsQuick))!.SetValue(clone, isQuick);
        return clone;
    }

    /// <summary>" Did you mean --weight-decay?" when an unknown token in the message is a near miss of a flag.</summary>
    private static string Suggestion(string message, IReadOnlyList<string> unmatched, IReadOnlyList<string> validFlags)
    {
        var token = unmatched.FirstOrDefault(t => t.StartsWith('-') && message.Contains($"'{t}'"));
        if (token is null) return "";
        var best = validFlags.MinBy(f => EditDistance(f, token));
        return best is not null && EditDistance(best, token) <= 3 ? $" Did you mean {best}?" : "";
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
