using System.Reflection;

namespace Papers.Notebooks;

/// <summary>Where a displayed value goes: a .NET Interactive kernel, or a plain console.</summary>
internal interface IDisplaySink
{
    void Write(DisplayData data);
}

/// <summary>A plain console program: the text form only.</summary>
internal sealed class TextSink(TextWriter output) : IDisplaySink
{
    public void Write(DisplayData data) => output.WriteLine(data.Text);
}

/// <summary>
/// Inside a .NET Interactive kernel (Polyglot Notebooks, or the repository's runner, which hosts the same kernel):
/// hands the bundle to the kernel's own <c>Kernel.display(value, mimeTypes)</c>, found by reflection so that this
/// library does not depend on the kernel package. The kernel formats the bundle once per mime type it holds, through
/// the formatters <see cref="KernelFormatters"/> registers, so a PNG stays <c>image/png</c> beside its text.
/// </summary>
internal sealed class KernelSink : IDisplaySink
{
    internal const string KernelType = "Microsoft.DotNet.Interactive.Kernel";

    private readonly MethodInfo _display;

    private KernelSink(MethodInfo display) => _display = display;

    /// <summary>The kernel's display among <paramref name="assemblies"/>, or null outside a kernel.</summary>
    public static KernelSink? Find(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies)
        {
            if (assembly.IsDynamic || assembly.GetType(KernelType) is not { } kernel) continue;
            // Kernel.display(object value, params string[] mimeTypes).
            var display = kernel.GetMethod("display", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]);
            if (display is not null) return new KernelSink(display);
        }
        return null;
    }

    public void Write(DisplayData data)
    {
        KernelFormatters.Register();
        _display.Invoke(null, [data, KernelFormatters.MimeTypes(data)]);
    }
}
