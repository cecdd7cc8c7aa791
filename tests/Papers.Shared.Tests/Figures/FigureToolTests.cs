namespace Papers.Shared.Tests;

using Papers.Shared.Figures;
using Papers.Shared.Repro;
using Papers.Shared.Tests.Data;

/// <summary>Where plotly.js and Chromium come from, and what a run is told when either is missing.</summary>
[Collection("Serial")]   // sets process-wide environment variables
public sealed class FigureToolTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(GenericChart.NodeModulesVariable, null);
        Environment.SetEnvironmentVariable(GenericChart.ChromiumVariable, null);
        _folder.Dispose();
    }

    private static GenericChart Figure() => Chart.Line(new[] { 1, 2 }, new[] { 3, 4 });

    private static string? Problem(string name) => GenericChart.Prerequisites.Single(p => p.Name == name).Problem();

    [Fact]
    public void PlotlyComesFromTheNodeModulesTheVariableNames()
    {
        var nodeModules = _folder.File("node_modules");
        Environment.SetEnvironmentVariable(GenericChart.NodeModulesVariable, nodeModules);
        Assert.Equal($"{GenericChart.NodeModulesVariable} is {nodeModules}, which holds no plotly.js-dist-min/plotly.min.js: run `npm ci` " +
                     $"in the repository root (scripts/setup.sh does it), or point {GenericChart.NodeModulesVariable} at its node_modules",
            Problem("plotly.js"));
        Assert.Throws<FileNotFoundException>(() => Figure().SaveHtml(_folder.File("page.html")));
        Assert.False(File.Exists(_folder.File("page.html")));

        _folder.Write("node_modules/plotly.js-dist-min/plotly.min.js", "/* a stand-in for plotly.js */"u8.ToArray());
        Assert.Null(Problem("plotly.js"));
        Figure().SaveHtml(_folder.File("page.html"));
        Assert.Contains("/* a stand-in for plotly.js */", File.ReadAllText(_folder.File("page.html")));
    }

    [Fact]
    public void ChromiumIsTheExecutableTheVariableNames()
    {
        var chromium = _folder.File("chromium");
        Environment.SetEnvironmentVariable(GenericChart.ChromiumVariable, chromium);
        Assert.Equal($"{GenericChart.ChromiumVariable} is {chromium}, which does not exist: point it at a Chromium executable, or unset it to use chromium on PATH",
            Problem("Chromium"));
        _folder.Write("chromium", [0]);
        Assert.Null(Problem("Chromium"));
    }

    [Fact]
    public void WithTheToolsInstalledNothingIsMissing() => Assert.Empty(Prerequisites.Problems(GenericChart.Prerequisites));
}
