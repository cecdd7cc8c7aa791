using System.Reflection;

namespace Papers.Notebooks;

/// <summary>Where a displayed value goes: the runner, a Polyglot kernel, or a plain console.</summary>
internal interface IDisplaySink
{
    void Write(DisplayData data);
}

/// <summary>Under the runner: one <see cref="Protocol"/> display directive per value.</summary>
internal sealed class ProtocolSink(TextWriter output) : IDisplaySink
{
    public void Write(DisplayData data)
    {
        output.WriteLine(Protocol.Display(data));
        output.Flush();
    }
}

/// <summary>A plain console program: the text form only.</summary>
internal sealed class TextSink(TextWriter output) : IDisplaySink
{
    public void Write(DisplayData data) => output.WriteLine(data.Text);
}

/// <summary>
/// Inside a Polyglot (.NET Interactive) kernel: hands the value to the kernel's own <c>Kernel.display</c>, found by
/// reflection so that this library needs no package the registry lacks. HTML goes through <c>Kernel.HTML</c>, and a
/// PNG as an HTML image, which every front end renders.
/// </summary>
internal sealed class KernelSink : IDisplaySink
{
    internal const string KernelType = "Microsoft.DotNet.Interactive.Kernel";

    private readonly MethodInfo _display;
    private readonly MethodInfo _html;

    private KernelSink(MethodInfo display, MethodInfo html)
    {
        _display = display;
        _html = html;
    }

    /// <summary>The kernel's display among <paramref name="assemblies"/>, or null outside a kernel.</summary>
    public static KernelSink? Find(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies)
        {
            if (assembly.IsDynamic || assembly.GetType(KernelType) is not { } kernel) continue;
            // Kernel.display(object value, params string[] mimeTypes) and Kernel.HTML(string content).
            var display = kernel.GetMethod("display", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]);
            var html = kernel.GetMethod("HTML", BindingFlags.Public | BindingFlags.Static, [typeof(string)]);
            if (display is not null && html is not null) return new KernelSink(display, html);
        }
        return null;
    }

    public void Write(DisplayData data)
    {
        if (data.Png is { } png)
            Display(_html.Invoke(null, [$"<img src=\"data:{DisplayData.PngMime};base64,{png}\" alt=\"{Html.Escape(data.Text)}\">"]));
        else if (data.Html is { } html)
            Display(_html.Invoke(null, [html]));
        else
            _display.Invoke(null, [data.Text, new[] { DisplayData.TextMime }]);
    }

    private void Display(object? content) => _display.Invoke(null, [content, Array.Empty<string>()]);
}
