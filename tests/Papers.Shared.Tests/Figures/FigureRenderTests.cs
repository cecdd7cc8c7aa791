namespace Papers.Shared.Tests;

using Papers.Shared.Figures;

/// <summary>Real renders through headless Chromium (installed by scripts/setup.sh), about two seconds each.</summary>
[Collection("Serial")]   // one test changes PATH, which is process-wide
public sealed class FigureRenderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("papers-render-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static GenericChart Loss()
    {
        var epochs = Enumerable.Range(0, 40).ToArray();
        return Chart.Combine(
            [
                Chart.Line(epochs, epochs.Select(e => Math.Exp(-e / 10.0)), Name: "train"),
                Chart.Line(epochs, epochs.Select(e => 0.2 + Math.Exp(-e / 8.0)), Name: "test"),
            ])
            .WithTitle("loss").WithXAxisStyle(TitleText: "epoch");
    }

    [Fact]
    public void PngHasTheRequestedSizeAndShowsTheTraces()
    {
        var path = Path.Combine(_folder, "figures", "loss.png");
        Loss().SavePng(path, 640, 360);

        var png = PngImage.Read(File.ReadAllBytes(path));
        Assert.Equal((640, 360), (png.Width, png.Height));
        var colours = new HashSet<(byte, byte, byte)>();
        var firstTrace = 0;
        for (var y = 0; y < png.Height; y++)
        {
            for (var x = 0; x < png.Width; x++)
            {
                colours.Add(png[x, y]);
                if (png[x, y] == (0x1f, 0x77, 0xb4)) firstTrace++;   // plotly's first colour, #1f77b4
            }
        }
        Assert.True(colours.Count > 20, $"{colours.Count} distinct colours: the render is blank");
        Assert.True(firstTrace > 200, $"{firstTrace} pixels in the first trace's colour: the line was not drawn");
        Assert.Equal((255, 255, 255), png[2, 2]);   // white page corner
        Assert.Equal(["loss.png"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void HtmlIsSelfContainedAndCannotBeClosedByATitle()
    {
        var path = Path.Combine(_folder, "loss.html");
        Loss().WithTitle("</script><b>bold</b>").SaveHtml(path);
        var html = File.ReadAllText(path);
        Assert.Contains("plotly.js v4.1.2", html);                 // inlined, not fetched
        Assert.DoesNotContain("src=\"http", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "</script>\n</body>"));
        Assert.Contains("\\u003C/script\\u003E\\u003Cb\\u003Ebold", html);
        Assert.Contains("<title>&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;</title>", html);
    }

    [Fact]
    public void SaveAllWritesTheDataThePageAndThePictureAtTheFiguresSize()
    {
        var figure = Loss().WithSize(500, 300);
        var folder = Path.Combine(_folder, "figures");
        figure.SaveAll(folder, "loss");
        Assert.Equal(figure.ToJson(), File.ReadAllText(Path.Combine(folder, "loss.json")));
        Assert.Contains("<html", File.ReadAllText(Path.Combine(folder, "loss.html")));
        var png = PngImage.Read(File.ReadAllBytes(Path.Combine(folder, "loss.png")));
        Assert.Equal((500, 300), (png.Width, png.Height));
    }

    [Fact]
    public void JsonIsWrittenAsToJsonGivesIt()
    {
        var path = Path.Combine(_folder, "loss.json");
        Loss().SaveJson(path);
        Assert.Equal(Loss().ToJson(), File.ReadAllText(path));
    }

    [Fact]
    public void WithoutChromiumTheErrorNamesTheSetupScript()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", _folder);
            var e = Assert.Throws<FileNotFoundException>(() => Loss().SavePng(Path.Combine(_folder, "x.png")));
            Assert.Contains("scripts/setup.sh", e.Message);
            Assert.False(File.Exists(Path.Combine(_folder, "x.png")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }
}
