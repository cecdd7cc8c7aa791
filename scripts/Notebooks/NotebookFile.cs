using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Jupyter = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook;

namespace Papers.Notebooks.Runner;

/// <summary>
/// A Polyglot notebook read and written by .NET Interactive's Documents library: an nbformat 4 <c>.ipynb</c> (cells
/// with outputs) or a <c>.dib</c> (no outputs). Cells are numbered from 1, counting every cell, as a reader counts them.
/// </summary>
public sealed class NotebookFile
{
    /// <summary>The notebook's own metadata, as its author's editor wrote it.</summary>
    private readonly JsonNode? _metadata;

    private NotebookFile(string path, InteractiveDocument document, JsonNode? metadata)
    {
        Path = path;
        Document = document;
        _metadata = metadata;
    }

    public string Path { get; }

    /// <summary>The file name, as messages name the notebook.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    public InteractiveDocument Document { get; }

    /// <summary>False for a .dib, which has nowhere to keep outputs.</summary>
    public bool HoldsOutputs => IsIpynb(Path);

    /// <summary>The kernels a notebook of this repository may name: C# (Polyglot's aliases too) and markdown.</summary>
    public static KernelInfoCollection Kernels()
    {
        var kernels = new KernelInfoCollection { DefaultKernelName = KernelSession.CSharp };
        kernels.Add(new KernelInfo(KernelSession.CSharp, "C#", ["c#", "C#"]));
        kernels.Add(new KernelInfo("markdown", "Markdown", ["md"]));
        return kernels;
    }

    public static NotebookFile Load(string path)
    {
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".ipynb" or ".dib")) throw new NotebookException($"{path}: a notebook is .ipynb or .dib, not '{extension}'");
        var text = File.ReadAllText(path);
        try
        {
            return IsIpynb(path)
                ? new NotebookFile(path, Jupyter.Parse(text, Kernels()), JsonNode.Parse(text)?["metadata"]?.DeepClone())
                : new NotebookFile(path, CodeSubmission.Parse(text, Kernels()), null);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new NotebookException($"{path}: not a notebook the Documents library reads ({e.Message})");
        }
    }

    /// <summary>The code cells in order, with their numbers.</summary>
    public IEnumerable<(int Number, InteractiveDocumentElement Cell)> CodeCells() =>
        Document.Elements.Select((e, i) => (i + 1, e)).Where(p => IsCode(p.e));

    public static bool IsCode(InteractiveDocumentElement cell) => cell.KernelName is not ("markdown" or "md" or "raw");

    /// <summary>A cell's line (from 1), or null when it has no such line.</summary>
    public string? SourceLine(int number, int line)
    {
        var lines = Document.Elements[number - 1].Contents.Replace("\r\n", "\n").Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd() : null;
    }

    /// <summary>
    /// Writes the notebook when its text changed (an unchanged file keeps its time stamp). Cells without an id get one
    /// derived from their position and source, so writing an unchanged notebook again gives the same bytes.
    /// </summary>
    public bool Save()
    {
        if (!HoldsOutputs) throw new InvalidOperationException($"{Name}: a .dib holds no outputs");
        foreach (var (cell, i) in Document.Elements.Select((c, i) => (c, i)))
            if (string.IsNullOrEmpty(cell.Id)) cell.Id = CellId(i + 1, cell.Contents);
        // Parse reads metadata.polyglot_notebook.kernelInfo as a dictionary, and ToJupyterJson casts metadata.polyglot_notebook
        // to a kernel list (which it writes without the kernelInfo level VS Code reads): it gets the list, and the written
        // notebook keeps the metadata the notebook came with.
        Document.Metadata[PolyglotKey] = Document.GetKernelInfo() ?? Kernels();
        var json = JsonNode.Parse(Jupyter.ToJupyterJson(Document, KernelSession.CSharp))!;
        if (_metadata is not null) json["metadata"] = _metadata.DeepClone();
        return AtomicText.WriteIfChanged(Path, NbJson.Write(json));
    }

    /// <summary>Clears every output and execution count.</summary>
    public void Strip()
    {
        foreach (var cell in Document.Elements)
        {
            cell.Outputs.Clear();
            cell.ExecutionOrder = 0;
        }
    }

    private const string PolyglotKey = "polyglot_notebook";

    private static bool IsIpynb(string path) => path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase);

    private static string CellId(int number, string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{number}\n{source}")))[..8];
}
