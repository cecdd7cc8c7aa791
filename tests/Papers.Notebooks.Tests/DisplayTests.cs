using Papers.Notebooks.Runner;
using Papers.Shared.Results;

namespace Papers.Notebooks.Tests;

public class DisplayTests
{
    [Theory]
    [InlineData(null, "<null>")]
    [InlineData("text", "text")]
    [InlineData(2.5, "2.5")]
    [InlineData(new[] { 1, 2, 3 }, "[1, 2, 3]")]
    public void ValueWithoutRicherFormIsShownAsText(object? value, string text)
    {
        Assert.Equal(new DisplayData(text), Notebook.Format(value));
    }

    [Fact]
    public void QuietlyDiscardsWhatTheWorkPrintsAndRestoresTheConsole()
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            Assert.Equal(7, Notebook.Quietly(() => { Console.WriteLine("inside the work"); return 7; }));
            Assert.Throws<InvalidOperationException>(() => Notebook.Quietly<int>(() => { Console.WriteLine("inside the failing work"); throw new InvalidOperationException(); }));
            Console.WriteLine("after the work");
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.DoesNotContain("inside", captured.ToString());
        Assert.Contains("after the work", captured.ToString());
    }

    [Fact]
    public void LongSequenceShowsItsFirstTwentyItems()
    {
        Assert.Equal("[" + string.Join(", ", Enumerable.Range(0, 20)) + ", …]", Notebook.Format(Enumerable.Range(0, 1000)).Text);
    }

    [Fact]
    public void HtmlIsShownAsHtmlWithItsTextForPlainViewers()
    {
        Assert.Equal(new DisplayData("a < b", Html: "<p>a &lt; b</p>"), Notebook.Format(Html.Paragraph("a < b")));
    }

    [Fact]
    public void HtmlEscapingLeavesLettersBeyondAsciiAlone()
    {
        Assert.Equal("Â ± Σ &amp; &lt;td&gt; &quot;x&quot; &#39;y&#39;", Html.Escape("Â ± Σ & <td> \"x\" 'y'"));
    }

    [Fact]
    public void PngSizeIsReadFromItsHeader()
    {
        var png = new Png(TinyPng(width: 3, height: 2));
        Assert.Equal((3, 2), (png.Width, png.Height));
        Assert.Equal(new DisplayData("PNG image, 3x2 pixels", Png: png.Base64), Notebook.Format(png));
    }

    [Fact]
    public void BytesThatAreNotAPngAreRefused()
    {
        Assert.Throws<FormatException>(() => new Png("GIF89a and more bytes than twenty-four"u8.ToArray()));
    }

    [Fact]
    public void PaperTableRowsAreShownAsAnHtmlTableBesidePlainText()
    {
        TableRow[] rows = [new("Table 2", "GCN (this paper)", "cora", "mean over 1", 81.5, 81.2, double.NaN, 1)];
        var data = Notebook.Format(rows);
        Assert.Equal(PaperTable.Format(rows), data.Text);
        Assert.Contains("<caption>Table 2</caption>", data.Html);
        // PaperTable's cells: ours to two decimals beside a paper value printed to one, Δ signed.
        Assert.Contains("<td style=\"text-align: right\">81.20 (n=1)</td><td style=\"text-align: right\">-0.30</td>", data.Html);
    }

    /// <summary>A PNG's signature and IHDR chunk: all that Png reads (PNG spec §5.2-5.3).</summary>
    internal static byte[] TinyPng(int width, int height)
    {
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
            0, 0, 0, (byte)width, 0, 0, 0, (byte)height, 8, 2, 0, 0, 0];
        return bytes;
    }
}
