using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive.Formatting;
using Papers.Shared.Figures;
using Papers.Shared.Results;

namespace Papers.Notebooks;

/// <summary>
/// Formatters for the kernel's <c>Formatter</c>: a cell that ends with a figure, a <see cref="Png"/>, an
/// <see cref="Html"/> or a paper's table rows shows it as <see cref="Notebook.display"/> does (the figure as
/// <c>image/png</c> beside its <c>text/plain</c>), not as the kernel's object tree. Registered when this library is
/// first used in a process; outside a kernel they are never asked for.
/// </summary>
public static class KernelFormatters
{
    private static int _registered;

    /// <summary>The mime types, text/plain first, that <paramref name="data"/> holds.</summary>
    public static string[] MimeTypes(DisplayData data) =>
        [DisplayData.TextMime, .. data.Html is null ? Array.Empty<string>() : [DisplayData.HtmlMime], .. data.Png is null ? Array.Empty<string>() : [DisplayData.PngMime]];

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "a library loaded by #r in a kernel has no entry point to register from")]
    internal static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        Add<DisplayData>(d => d, [DisplayData.TextMime, DisplayData.HtmlMime, DisplayData.PngMime]);
        Add<Png>(p => Notebook.Format(p), [DisplayData.PngMime, DisplayData.TextMime]);
        Add<GenericChart>(c => Notebook.Format(c), [DisplayData.PngMime, DisplayData.TextMime]);
        Add<Html>(h => Notebook.Format(h), [DisplayData.HtmlMime, DisplayData.TextMime]);
        Add<IEnumerable<TableRow>>(rows => Notebook.Format(rows), [DisplayData.HtmlMime, DisplayData.TextMime]);
    }

    /// <summary>
    /// One formatter per mime type for <typeparamref name="T"/>, each writing that part of the bundle; the preferred
    /// mime types are what the kernel shows a cell's last value as.
    /// </summary>
    private static void Add<T>(Func<T, DisplayData> bundle, string[] mimeTypes)
    {
        foreach (var mime in mimeTypes) Formatter.Register<T>((value, writer) => writer.Write(Part(bundle(value), mime)), mime);
        Formatter.SetPreferredMimeTypesFor(typeof(T), mimeTypes);
    }

    /// <summary>A bundle's content for one mime type; HTML falls back to the escaped text.</summary>
    private static string Part(DisplayData data, string mime) => mime switch
    {
        DisplayData.PngMime => data.Png ?? "",
        DisplayData.HtmlMime => data.Html ?? $"<pre>{Html.Escape(data.Text)}</pre>",
        _ => data.Text,
    };
}
