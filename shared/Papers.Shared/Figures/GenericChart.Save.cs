using System.Diagnostics;
using System.Net;
using System.Text;
using Papers.Shared.Repro;
using Papers.Shared.Results;

namespace Papers.Shared.Figures;

public sealed partial class GenericChart
{
    /// <summary>The size of a PNG when neither <see cref="SavePng"/> nor <see cref="WithSize"/> gives one.</summary>
    public static readonly (int Width, int Height) DefaultPngSize = (800, 500);

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Names the node_modules folder plotly.js is taken from, instead of the nearest one above the current directory.</summary>
    public const string NodeModulesVariable = "PAPERS_NODE_MODULES";

    /// <summary>Names the Chromium executable that renders PNGs, instead of <c>chromium</c> on PATH.</summary>
    public const string ChromiumVariable = "PAPERS_CHROMIUM";

    /// <summary>What saving a figure needs: plotly.js for its pages, and Chromium to render its PNG.</summary>
    public static IReadOnlyList<Prerequisite> Prerequisites { get; } =
    [
        new("plotly.js", () => TryFindPlotly(out var problem) is null ? problem : null),
        new("Chromium", () => TryFindChromium(out var problem) is null ? problem : null),
    ];

    private const string PlotlyPackageScript = "plotly.js-dist-min/plotly.min.js";

    private const string PlotlyScript = "node_modules/" + PlotlyPackageScript;

    /// <summary>Writes the figure's JSON (<see cref="ToJson"/>) atomically.</summary>
    public void SaveJson(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Writes a self-contained page, plotly.js inlined, that shows the figure without a network.</summary>
    public void SaveHtml(string path) => AtomicFile.WriteAllText(path, Html(interactive: true));

    /// <summary>
    /// A results figure in its three forms, <paramref name="name"/>.json, .html and .png in <paramref name="folder"/>:
    /// the data, the interactive page, and the picture at the figure's size (<see cref="WithSize"/>).
    /// </summary>
    public void SaveAll(string folder, string name)
    {
        SaveJson(Path.Combine(folder, name + ".json"));
        SaveHtml(Path.Combine(folder, name + ".html"));
        SavePng(Path.Combine(folder, name + ".png"));
    }

    /// <summary>
    /// Renders the figure at <paramref name="width"/>×<paramref name="height"/> pixels (default: its size, else
    /// <see cref="DefaultPngSize"/>) to a PNG through headless Chromium, and writes it atomically.
    /// </summary>
    public void SavePng(string path, int? width = null, int? height = null)
    {
        var (w, h) = (width ?? _size?.Width ?? DefaultPngSize.Width, height ?? _size?.Height ?? DefaultPngSize.Height);
        if (w < 1 || h < 1) throw new ArgumentOutOfRangeException(nameof(width), $"a PNG is at least 1x1 pixels, not {w}x{h}");
        var chromium = FindChromium();
        var scratch = Directory.CreateTempSubdirectory("papers-figure-");
        try
        {
            var page = Path.Combine(scratch.FullName, "figure.html");
            var png = Path.Combine(scratch.FullName, "figure.png");
            File.WriteAllText(page, WithSize(w, h).Html(interactive: false));
            Render(chromium, page, png, w, h, Path.Combine(scratch.FullName, "profile"));
            AtomicFile.WriteAllBytes(path, File.ReadAllBytes(png));
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>plotly.min.js from <see cref="NodeModulesVariable"/>, else the nearest node_modules above the current directory or the application.</summary>
    private static string FindPlotly() => TryFindPlotly(out var problem) ?? throw new FileNotFoundException(problem);

    private static string? TryFindPlotly(out string problem)
    {
        problem = "";
        if (Environment.GetEnvironmentVariable(NodeModulesVariable) is { Length: > 0 } nodeModules)
        {
            var given = Path.Combine(Path.GetFullPath(nodeModules), PlotlyPackageScript);
            if (File.Exists(given)) return given;
            problem = $"{NodeModulesVariable} is {nodeModules}, which holds no {PlotlyPackageScript}: run `npm ci` in the repository root " +
                      $"(scripts/setup.sh does it), or point {NodeModulesVariable} at its node_modules";
            return null;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, PlotlyScript);
                if (File.Exists(candidate)) return candidate;
            }
        }
        problem = $"{PlotlyScript} not found above {Directory.GetCurrentDirectory()}: run `npm ci` in the repository root (scripts/setup.sh does it)";
        return null;
    }

    private string Html(bool interactive)
    {
        // The default encoder escapes '<', '>' and '&' in strings, so the JSON cannot close the script element.
        var safeJson = ToPlotly().ToJsonString();
        var size = _size is var (w, h) ? $"width: {w}px; height: {h}px;" : "width: 100vw; height: 100vh;";
        var config = interactive ? "{ displaylogo: false, responsive: true }" : "{ staticPlot: true }";
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
            .Append($"<title>{WebUtility.HtmlEncode(_title ?? "figure")}</title>\n")
            .Append("<script>\n").Append(File.ReadAllText(FindPlotly())).Append("\n</script>\n")
            .Append($"<style>html, body {{ margin: 0; background: white; overflow: hidden; }} #figure {{ {size} }}</style>\n")
            .Append("</head>\n<body>\n<div id=\"figure\"></div>\n<script>\n")
            .Append($"const figure = {safeJson};\n")
            .Append($"Plotly.newPlot(\"figure\", figure.data, figure.layout, {config});\n")
            .Append("</script>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static string FindChromium() => TryFindChromium(out var problem) ?? throw new FileNotFoundException(problem);

    private static string? TryFindChromium(out string problem)
    {
        problem = "";
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } given)
        {
            if (File.Exists(given)) return Path.GetFullPath(given);
            problem = $"{ChromiumVariable} is {given}, which does not exist: point it at a Chromium executable, or unset it to use chromium on PATH";
            return null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "chromium");
            if (File.Exists(candidate)) return candidate;
        }
        problem = "chromium not found on PATH: figures render to PNG through headless Chromium; install it with scripts/setup.sh " +
                  $"(apt-get install -y --no-install-recommends chromium), or set {ChromiumVariable} to its path";
        return null;
    }

    private static void Render(string chromium, string page, string png, int width, int height, string profile)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Headless, sandbox-free as root, and quiet: without the networking flags Chromium keeps trying to reach
        // Google's services. The virtual time budget lets plotly finish drawing (image traces load asynchronously).
        foreach (var flag in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     $"--user-data-dir={profile}", $"--window-size={width},{height}", "--virtual-time-budget=10000",
                     $"--screenshot={png}", new Uri(page).AbsoluteUri,
                 })
            start.ArgumentList.Add(flag);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RenderTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not render {page} within {RenderTimeout.TotalSeconds:F0} s");
        }
        Task.WaitAll(output, error);
        if (process.ExitCode != 0 || !File.Exists(png) || new FileInfo(png).Length == 0)
            throw new InvalidOperationException($"chromium exited with {process.ExitCode} and no screenshot:\n{error.Result.Trim()}");
    }
}
