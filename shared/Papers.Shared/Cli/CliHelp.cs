namespace Papers.Shared.Cli;

/// <summary>The --help page: one line per flag with its type, default, quick value and source in the paper.</summary>
internal static class CliHelp
{
    public static void Write(TextWriter output, RunConfig config, RunConfig? quick, IReadOnlyList<ConfigFlag> flags)
    {
        var name = config.GetType().Name;
        output.WriteLine($"{name}: the paper's hyperparameters. Each flag overrides its default;" +
                         (quick is null ? "" : $" --quick starts from {name}.Quick, whose values differ where the quick column says."));
        output.WriteLine();

        var rows = new List<string[]> { new[] { "flag", "value", "default", "quick", "paper", "description" } };
        foreach (var flag in flags)
        {
            var value = ConfigFlag.Format(flag.Property.GetValue(config));
            var quickValue = quick is null ? "" : ConfigFlag.Format(flag.Property.GetValue(quick));
            rows.Add([flag.Name, flag.HelpName, value, quickValue == value ? "" : quickValue, flag.Source ?? "", flag.Description ?? ""]);
        }
        if (quick is not null) rows.Add(["--quick", "", "", "", "", "a run of under a minute on a CPU, for CI and live demos"]);
        rows.Add(["-h, --help", "", "", "", "", "show this page"]);

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c])))).TrimEnd());
        if (config is GridConfig)
        {
            output.WriteLine();
            var axes = string.Concat(Sweeps.Grid.Axes(config.GetType()).Select(axis => $"{axis.Name} × "));
            output.WriteLine($"The grid, {axes}the seeds, also runs as a sweep of independent tasks merged into the same tables:");
            output.WriteLine("sweep --backend local|slurm [the flags above], then merge; see sweep --help.");
        }
    }
}
