using System.Collections;
using System.Globalization;
using Papers.Shared.Figures;
using Papers.Shared.Results;
using Papers.Torch;

namespace Papers.Notebooks;

/// <summary>
/// What a cell calls to show a value: <c>using static Papers.Notebooks.Notebook;</c> then <c>display(x)</c>, as in
/// Polyglot. In a .NET Interactive kernel (Polyglot Notebooks, or the repository's runner, which hosts it) the value
/// goes through the kernel's own display; in a plain console program its text is printed. In a kernel this
/// <c>display(x)</c> wins over the kernel's <c>display(x, params string[])</c> by C#'s overload rules (no params
/// expansion needed).
/// </summary>
public static class Notebook
{
    /// <summary>Sequences show at most this many items, as a notebook shows the head of a long list.</summary>
    internal const int SequenceItems = 20;

    /// <summary>Tensors up to this many elements show their values, larger ones only their shape.</summary>
    internal const long TensorValues = 1000;

    private static IDisplaySink? _sink;

    /// <summary>Chosen on first use, when a kernel, if any, has loaded.</summary>
    private static IDisplaySink Sink => _sink ??= (IDisplaySink?)KernelSink.Find(AppDomain.CurrentDomain.GetAssemblies())
        ?? new TextSink(Console.Out);

    /// <summary>
    /// Shows <paramref name="value"/> below the cell: a figure as its PNG, a paper's table rows as an HTML table,
    /// <see cref="Html"/> and <see cref="Png"/> as themselves, anything else as text.
    /// </summary>
    public static void display(object? value) => Sink.Write(Format(value));

    /// <summary>
    /// Runs <paramref name="work"/> with what it prints to the console discarded and returns its result: a training
    /// loop's progress lines carry timings and paths, which would make a cell's output differ between runs and machines.
    /// </summary>
    public static T Quietly<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            return work();
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    /// <summary>The mime bundle <see cref="display"/> shows for <paramref name="value"/>.</summary>
    public static DisplayData Format(object? value) => value switch
    {
        null => new DisplayData("<null>"),
        DisplayData data => data,
        Html html => new DisplayData(html.Text, Html: html.Content),
        Png png => new DisplayData($"PNG image, {png.Width}x{png.Height} pixels", Png: png.Base64),
        GenericChart chart => Format(chart.ToPng()),
        IEnumerable<TableRow> rows => Format(PaperResults.ToHtml(rows.ToList())),
        _ => new DisplayData(Text(value)),
    };

    /// <summary>A value's text: invariant numbers, the head of a sequence, a small tensor's values.</summary>
    internal static string Text(object? value) => value switch
    {
        null => "<null>",
        string s => s,
        torch.Tensor { IsInvalid: false } t when !t.is_sparse && t.numel() <= TensorValues => $"{t}\n{t.str()}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => Sequence(items),
        _ => value.ToString() ?? "",
    };

    private static string Sequence(IEnumerable items)
    {
        var head = items.Cast<object?>().Take(SequenceItems + 1).Select(Text).ToList();
        return head.Count > SequenceItems
            ? $"[{string.Join(", ", head.Take(SequenceItems))}, …]"
            : $"[{string.Join(", ", head)}]";
    }
}
