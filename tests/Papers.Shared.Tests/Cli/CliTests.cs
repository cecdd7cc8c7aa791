namespace Papers.Shared.Tests;

using Papers.Shared.Cli;

public class CliTests
{
    private static (CliResult<T> Result, string Output, string Error) Run<T>(T config, params string[] args) where T : RunConfig
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var result = Cli.Parse(config, args, output, error);
        return (result, output.ToString(), error.ToString());
    }

    [Fact]
    public void NoFlagsKeepThePaperDefaults()
    {
        var (result, _, error) = Run(new TinyConfig());
        Assert.True(result.ShouldRun, error);
        Assert.Equal(0, result.ExitCode);
        var config = result.Config!;
        Assert.Equal(new TinyConfig() with { Layers = config.Layers }, config);
        Assert.Equal([64, 32], config.Layers);
        Assert.False(config.IsQuick);
    }

    [Fact]
    public void EveryPropertyKindBindsToItsKebabCaseFlag()
    {
        var (result, _, error) = Run(new TinyConfig(),
            "--dataset", "cite-seer", "--hidden", "32", "--weight-decay", "1e-3", "--dropout", "0.25", "--epochs", "5000000000",
            "--featureless", "--name", "@gcn", "--layers", "8,4", "--layers", "2", "--seeds", "3", "--device", "cuda:1",
            "--threads", "1", "--out", "some/folder", "--resume", "true");
        Assert.True(result.ShouldRun, error);
        var c = result.Config!;
        Assert.Equal(Corpus.CiteSeer, c.Dataset);
        Assert.Equal(32, c.Hidden);
        Assert.Equal(1e-3, c.WeightDecay);
        Assert.Equal(0.25f, c.Dropout);
        Assert.Equal(5_000_000_000L, c.Epochs);
        Assert.True(c.Featureless);
        Assert.Equal("@gcn", c.Name);
        Assert.Equal([8, 4, 2], c.Layers);
        Assert.Equal(3, c.Seeds);
        Assert.Equal("cuda:1", c.Device);
        Assert.Equal(1, c.Threads);
        Assert.Equal("some/folder", c.Out);
        Assert.True(c.Resume);
    }

    [Theory]
    [InlineData("--weight-decay", "-0.5", -0.5)]
    [InlineData("--weight-decay=2.5e-4", null, 2.5e-4)]
    [InlineData("--weight-decay", "0", 0.0)]
    public void NumbersParseInvariantlyIncludingNegativesAndEqualsForm(string flag, string? value, double expected)
    {
        var (result, _, error) = Run(new TinyConfig(), value is null ? [flag] : [flag, value]);
        Assert.True(result.ShouldRun, error);
        Assert.Equal(expected, result.Config!.WeightDecay);
    }

    [Fact]
    public void BindingClonesAndLeavesTheGivenRecordUntouched()
    {
        var original = new TinyConfig();
        var (result, _, _) = Run(original, "--hidden", "7");
        Assert.Equal(7, result.Config!.Hidden);
        Assert.Equal(16, original.Hidden);
    }

    [Fact]
    public void QuickSelectsThePresetAndExplicitFlagsOverrideIt()
    {
        var (result, _, error) = Run(new TinyConfig(), "--epochs", "7", "--quick");
        Assert.True(result.ShouldRun, error);
        var c = result.Config!;
        Assert.Equal(7, c.Epochs);                // explicit flag wins, wherever it stands
        Assert.Equal(1, c.Seeds);                 // from Quick
        Assert.Equal([8], c.Layers);              // from Quick
        Assert.Equal(16, c.Hidden);               // Quick keeps the paper's value
        Assert.True(c.IsQuick);
    }

    [Fact]
    public void UnknownFlagExitsWithCode2ListingTheValidFlags()
    {
        var (result, output, error) = Run(new TinyConfig(), "--wieght-decay", "1e-3");
        Assert.False(result.ShouldRun);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", output);
        Assert.Contains("'--wieght-decay'", error);
        Assert.Contains("Did you mean --weight-decay?", error);
        Assert.Contains("valid flags: --dataset --hidden --weight-decay --dropout --epochs --featureless --name --layers --seeds " +
                        "--device --threads --out --resume --quick --help", error);
    }

    [Theory]
    [InlineData("--hidden", "abc", "--hidden: 'abc' is not an int")]
    [InlineData("--hidden", "1.5", "--hidden: '1.5' is not an int")]
    [InlineData("--weight-decay", "1,5", "--weight-decay: '1,5' is not a double")]
    [InlineData("--dataset", "imdb", "--dataset: 'imdb' is not one of cora|cite-seer|pub-med")]
    [InlineData("--featureless", "yes", "--featureless: 'yes' is not one of true|false")]
    [InlineData("--layers", "8,x", "--layers: 'x' is not an int")]
    public void WrongTypeExitsWithCode2NamingFlagValueAndType(string flag, string value, string message)
    {
        var (result, _, error) = Run(new TinyConfig(), flag, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Null(result.Config);
        Assert.Contains(message, error);
        Assert.Contains("valid flags:", error);
    }

    [Fact]
    public void AnEmptyValueGivesAnEmptyArray()
    {
        var (result, _, error) = Run(new TinyConfig(), "--layers", "");
        Assert.True(result.ShouldRun, error);
        Assert.Empty(result.Config!.Layers);
    }

    [Fact]
    public void RepeatingAScalarFlagIsAnError()
    {
        var (result, _, error) = Run(new TinyConfig(), "--hidden", "1", "--hidden", "2");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--hidden", error);
    }

    [Theory]
    [InlineData("--dropout", "1.5", "--dropout must be in [0, 1), not 1.5")]
    [InlineData("--seeds", "0", "--seeds must be at least 1, not 0")]
    [InlineData("--threads", "0", "--threads must be at least 1, not 0")]
    [InlineData("--device", "gpu", "--device must be cpu, cuda or cuda:N, not 'gpu'")]
    public void FailedValidationExitsWithCode2AndItsMessage(string flag, string value, string message)
    {
        var (result, _, error) = Run(new TinyConfig(), flag, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {message}", error.Trim());
    }

    [Fact]
    public void HelpListsEveryFlagWithTypeDefaultQuickValueAndPaperSource()
    {
        var (result, output, _) = Run(new TinyConfig(), "--help");
        Assert.False(result.ShouldRun);
        Assert.Equal(0, result.ExitCode);
        var lines = output.Split('\n').Select(l => l.TrimEnd()).ToList();
        string Line(string flag) => Assert.Single(lines, l => l.StartsWith($"  {flag} "));
        Assert.Matches(@"^  --hidden +<int> +16 +§5\.2 +hidden units$", Line("--hidden"));
        Assert.Matches(@"^  --weight-decay +<double> +0\.0005 +§5\.2$", Line("--weight-decay"));
        Assert.Matches(@"^  --epochs +<long> +200 +5 +§5\.2$", Line("--epochs"));
        Assert.Matches(@"^  --dataset +<cora\|cite-seer\|pub-med> +cora +§5\.1$", Line("--dataset"));
        Assert.Matches(@"^  --layers +<int,\.\.\.> +64,32 +8 +Fig\. 2$", Line("--layers"));
        Assert.Matches(@"^  --seeds +<int> +100 +1 +§6\.1 +runs, seeded 0, 1, \.\.\., n-1$", Line("--seeds"));
        Assert.Matches(@"^  --featureless +\[true\|false\] +false", Line("--featureless"));
        Assert.Matches(@"^  --device +<string> +cpu +cpu, cuda or cuda:N$", Line("--device"));
        foreach (var flag in new[] { "--dropout", "--name", "--threads", "--out", "--resume", "--quick" }) Line(flag);
        Assert.Single(lines, l => l.StartsWith("  -h, --help "));
    }

    [Fact]
    public void WithoutAQuickPresetQuickIsAnUnknownFlag()
    {
        var (result, _, error) = Run(new PresetlessConfig(), "--quick");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("valid flags: --hidden --seeds --device --threads --out --resume --help", error);
    }

    [Fact]
    public void RecordsPrintTheirResolvedValues()
    {
        var text = Run(new TinyConfig(), "--hidden", "32", "--quick").Result.Config!.ToString();
        Assert.Equal("TinyConfig { Dataset = cora, Hidden = 32, WeightDecay = 0.0005, Dropout = 0.5, Epochs = 5, " +
                     "Featureless = false, Name = gcn, Layers = [8], Seeds = 1, Device = cpu, " +
                     $"Threads = {Environment.ProcessorCount}, Out = , Resume = false, IsQuick = true }}", text);
    }
}
