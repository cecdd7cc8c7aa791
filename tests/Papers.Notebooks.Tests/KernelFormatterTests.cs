using Microsoft.DotNet.Interactive.Documents;
using Papers.Notebooks.Runner;

namespace Papers.Notebooks.Tests;

/// <summary>
/// This library in the real C# kernel: display(...) and a cell's last value reach the kernel as the same mime bundle,
/// a PNG as image/png beside its text/plain (the formatters KernelFormatters registers).
/// </summary>
public class KernelFormatterTests
{
    private static readonly string Library = typeof(Notebook).Assembly.Location;

    [Fact]
    public async Task DisplayAndALastValueGiveTheSameBundleInTheKernel()
    {
        using var session = new KernelSession();
        var setup = await session.RunAsync($"#r \"{Library}\"\nusing Papers.Notebooks;\nusing static Papers.Notebooks.Notebook;", KernelSession.CSharp);
        Assert.Null(setup.Failure);

        var png = Convert.ToBase64String(DisplayTests.TinyPng(3, 2));
        var run = await session.RunAsync($"var png = new Png(Convert.FromBase64String(\"{png}\"));\ndisplay(png);\npng", KernelSession.CSharp);

        Assert.Null(run.Failure);
        var expected = new Dictionary<string, object> { ["image/png"] = png, ["text/plain"] = "PNG image, 3x2 pixels" };
        Assert.Equal(expected, Assert.IsType<DisplayElement>(run.Outputs[0]).Data);
        Assert.Equal(expected, Assert.IsType<ReturnValueElement>(run.Outputs[1]).Data);
    }

    [Fact]
    public async Task HtmlAndTextKeepTheirMimeTypesInTheKernel()
    {
        using var session = new KernelSession();
        var run = await session.RunAsync($"#r \"{Library}\"\nPapers.Notebooks.Notebook.display(Papers.Notebooks.Html.Paragraph(\"a < b\"));\nPapers.Notebooks.Notebook.display(42);", KernelSession.CSharp);

        Assert.Null(run.Failure);
        Assert.Equal(new Dictionary<string, object> { ["text/html"] = "<p>a &lt; b</p>", ["text/plain"] = "a < b" }, Assert.IsType<DisplayElement>(run.Outputs[0]).Data);
        Assert.Equal(new Dictionary<string, object> { ["text/plain"] = "42" }, Assert.IsType<DisplayElement>(run.Outputs[1]).Data);
    }
}
