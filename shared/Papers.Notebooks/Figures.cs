using System.Security.Cryptography;
using System.Text;
using Papers.Shared.Figures;
using Papers.Shared.Repro;

namespace Papers.Notebooks;

/// <summary>
/// Figures in a cell: <c>chart.Show()</c> displays the figure as a PNG rendered by the kit's Chromium export.
/// Renders are cached by the figure's JSON and size, so running an unchanged notebook again starts no browser.
/// </summary>
public static class Figures
{
    /// <summary>Displays the figure at <paramref name="width"/>×<paramref name="height"/> pixels (default: its own size).</summary>
    public static void Show(this GenericChart chart, int? width = null, int? height = null) =>
        Notebook.display(chart.ToPng(width, height));

    /// <summary>The figure as a PNG, from the render cache when this figure was rendered at this size before.</summary>
    public static Png ToPng(this GenericChart chart, int? width = null, int? height = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var (w, h) = (width ?? chart.Size?.Width ?? GenericChart.DefaultPngSize.Width, height ?? chart.Size?.Height ?? GenericChart.DefaultPngSize.Height);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{w}x{h}\n{chart.ToJson()}")));
        var path = Path.Combine(CacheFolder(), $"{key}.png");
        if (!File.Exists(path)) chart.SavePng(path, w, h);
        return Png.FromFile(path);
    }

    /// <summary>artifacts/notebooks/figures in the repository (git ignores it), else a folder in the temporary directory.</summary>
    internal static string CacheFolder() =>
        RepoRoot.Find() is { } root
            ? Path.Combine(root, "artifacts", "notebooks", "figures")
            : Path.Combine(Path.GetTempPath(), "papers-notebooks", "figures");
}
