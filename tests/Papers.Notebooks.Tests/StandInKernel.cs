// A stand-in for .NET Interactive's Kernel, with the two static methods KernelSink calls, under the names and
// signatures of Microsoft.DotNet.Interactive 1.0: Kernel.display(object, params string[]) and Kernel.HTML(string).
namespace Microsoft.DotNet.Interactive;

public sealed record HtmlContent(string Value);

public abstract class Kernel
{
    public static List<(object? Value, string[] MimeTypes)> Calls { get; } = [];

    public static object? display(object value, params string[] mimeTypes)
    {
        Calls.Add((value, mimeTypes));
        return null;
    }

    public static HtmlContent HTML(string content) => new(content);
}
