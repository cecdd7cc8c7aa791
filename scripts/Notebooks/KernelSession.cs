using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Papers.Notebooks.Runner;

/// <summary>Where a cell failed: its line (from 1) when the compiler or the stack trace names one, and the message.</summary>
public sealed record CellFailure(int? Line, int? Column, string Message);

/// <summary>What one cell produced, in order, and how it failed, if it did.</summary>
public sealed record CellRun(IReadOnlyList<InteractiveDocumentOutputElement> Outputs, CellFailure? Failure);

/// <summary>
/// .NET Interactive's C# kernel, as Polyglot Notebooks sets it up (the kernel helpers <c>display</c> and <c>HTML</c>
/// in scope, a composite kernel that reads <c>#!csharp</c>), hosted in this process. Each cell is one submission.
/// </summary>
public sealed partial class KernelSession : IDisposable
{
    public const string CSharp = "csharp";

    private readonly CompositeKernel _kernel;
    private readonly CSharpKernel _csharp;
    private int _executionCount;

    public KernelSession()
    {
        _csharp = new CSharpKernel(CSharp).UseKernelHelpers();
        _kernel = new CompositeKernel { _csharp };
        _kernel.DefaultKernelName = CSharp;
    }

    /// <summary>
    /// The kernel's script so far, with its options (references, usings, the kernel helpers), to compile cells after
    /// without running them. An empty submission first makes the kernel set itself up.
    /// </summary>
    public async Task<Script> ScriptAsync()
    {
        if (_csharp.ScriptState is null) await RunAsync("", CSharp);
        return _csharp.ScriptState!.Script;
    }

    /// <summary>Compiles <paramref name="code"/> as the submission after <paramref name="script"/>; the first error, if any.</summary>
    public static (Script Next, CellFailure? Failure) Compile(Script script, string code)
    {
        var next = script.ContinueWith(code, script.Options);
        var error = next.Compile().FirstOrDefault(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        if (error is null) return (next, null);
        var start = error.Location.GetLineSpan().StartLinePosition;
        return (next, new CellFailure(start.Line + 1, start.Character + 1, $"error {error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    public async Task<CellRun> RunAsync(string code, string kernelName)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code, kernelName));
        var outputs = new List<InteractiveDocumentOutputElement>();
        CellFailure? failure = null;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case StandardOutputValueProduced o:
                    AddText(outputs, "stdout", Text(o.FormattedValues));
                    break;
                case StandardErrorValueProduced o:
                    AddText(outputs, "stderr", Text(o.FormattedValues));
                    break;
                case ReturnValueProduced r:
                    var value = new ReturnValueElement { ExecutionOrder = _executionCount + 1 };
                    foreach (var (mime, content) in Bundle(r.FormattedValues)) value.Data[mime] = content;
                    outputs.Add(value);
                    break;
                case DisplayEvent d:
                    outputs.Add(new DisplayElement(Bundle(d.FormattedValues)));
                    break;
                case CommandFailed f:
                    failure = Failure(f, result.Events.OfType<DiagnosticsProduced>());
                    outputs.Add(Error(f));
                    break;
            }
        }
        _executionCount++;
        return new CellRun(outputs, failure);
    }

    public void Dispose() => _kernel.Dispose();

    /// <summary>Jupyter's convention: consecutive writes to one stream form one output.</summary>
    private static void AddText(List<InteractiveDocumentOutputElement> outputs, string stream, string text)
    {
        if (outputs.Count > 0 && outputs[^1] is TextElement last && last.Name == stream)
            outputs[^1] = new TextElement(last.Text + text, stream);
        else
            outputs.Add(new TextElement(text, stream));
    }

    private static string Text(IReadOnlyCollection<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? values.FirstOrDefault()?.Value ?? "";

    /// <summary>A mime bundle with its types in ordinal order, so the same values always write the same bytes.</summary>
    private static Dictionary<string, object> Bundle(IReadOnlyCollection<FormattedValue> values) =>
        values.Where(v => !v.SuppressDisplay).OrderBy(v => v.MimeType, StringComparer.Ordinal)
            .ToDictionary(v => v.MimeType, v => (object)v.Value);

    private static ErrorElement Error(CommandFailed f)
    {
        var name = f.Exception?.GetType().FullName ?? "Error";
        var value = f.Exception is { InnerException: not null } e ? Describe(e)[(name.Length + 2)..] : f.Exception?.Message ?? f.Message;
        var trace = f.Exception?.StackTrace is { } stack ? stack.Split('\n').Select(l => l.TrimEnd('\r')).ToArray() : [];
        return new ErrorElement(value, name, trace);   // (errorValue, errorName, stackTrace)
    }

    /// <summary>
    /// The line of a failure: the first compile error's position, or the innermost stack frame in a submission
    /// (the kernel compiles each cell as <c>Submission#N</c>, with line numbers when it has them).
    /// </summary>
    private static CellFailure Failure(CommandFailed f, IEnumerable<DiagnosticsProduced> diagnostics)
    {
        var error = diagnostics.SelectMany(d => d.Diagnostics).FirstOrDefault(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        if (error is not null)
        {
            var start = error.LinePositionSpan.Start;
            return new CellFailure(start.Line + 1, start.Character + 1, $"error {error.Code}: {error.Message}");
        }
        var message = f.Exception is { } e ? Describe(e) : f.Message;
        var frame = f.Exception?.StackTrace?.Split('\n').Select(l => SubmissionFrame().Match(l)).FirstOrDefault(m => m.Success);
        return new CellFailure(frame is null ? null : int.Parse(frame.Groups["line"].Value), null, message);
    }

    /// <summary>An exception and the ones inside it (a type initializer's says nothing by itself): <c>Name: message ---> Inner: message</c>.</summary>
    private static string Describe(Exception e) =>
        $"{e.GetType().FullName}: {e.Message}" + (e.InnerException is { } inner ? $" ---> {Describe(inner)}" : "");

    [GeneratedRegex(@"Submission#\d+.*:line (?<line>\d+)")]
    private static partial Regex SubmissionFrame();
}
