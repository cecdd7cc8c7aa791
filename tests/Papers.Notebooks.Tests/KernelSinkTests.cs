namespace Papers.Notebooks.Tests;

public class KernelSinkTests
{
    [Fact]
    public void WithoutAKernelAssemblyThereIsNoKernelSink()
    {
        Assert.Null(KernelSink.Find([typeof(Notebook).Assembly, typeof(object).Assembly]));
    }

    [Fact]
    public void InAKernelTextGoesThroughTheKernelsDisplayAsPlainText()
    {
        var call = Assert.Single(Record(new DisplayData("42")));
        Assert.Equal("42", call.Value);
        Assert.Equal(["text/plain"], call.MimeTypes);
    }

    [Fact]
    public void InAKernelHtmlAndPngGoThroughTheKernelsHtml()
    {
        var html = Record(new DisplayData("t", Html: "<b>t</b>"));
        Assert.Equal(new Microsoft.DotNet.Interactive.HtmlContent("<b>t</b>"), Assert.Single(html).Value);
        var png = Record(new DisplayData("a plot", Png: "iVBOR"));
        Assert.Equal(new Microsoft.DotNet.Interactive.HtmlContent("<img src=\"data:image/png;base64,iVBOR\" alt=\"a plot\">"), Assert.Single(png).Value);
    }

    private static List<(object? Value, string[] MimeTypes)> Record(DisplayData data)
    {
        lock (Microsoft.DotNet.Interactive.Kernel.Calls)
        {
            Microsoft.DotNet.Interactive.Kernel.Calls.Clear();
            var sink = KernelSink.Find([typeof(KernelSinkTests).Assembly]) ?? throw new InvalidOperationException("the stand-in kernel was not found");
            sink.Write(data);
            return [.. Microsoft.DotNet.Interactive.Kernel.Calls];
        }
    }
}
