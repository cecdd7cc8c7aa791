using System.IO.Compression;
using System.Text;

namespace Papers.Shared.Data;

/// <summary>
/// A zip of images (Omniglot's <c>images_background.zip</c>, <c>all_runs.zip</c>), read entry by entry straight from
/// the archive without extracting it. Not thread-safe: open one per thread.
/// </summary>
public sealed class ImageArchive : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;

    private ImageArchive(string path, ZipArchive zip)
    {
        Path = path;
        _zip = zip;
        _entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, StringComparer.Ordinal);
        Entries = _entries.Keys.Order(StringComparer.Ordinal).ToList();
    }

    public string Path { get; }

    /// <summary>Every file in the archive (folders left out), by full name with forward slashes, sorted ordinally.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The files whose names end in <c>.png</c>, sorted.</summary>
    public IEnumerable<string> PngEntries => Entries.Where(e => e.EndsWith(".png", StringComparison.OrdinalIgnoreCase));

    public static ImageArchive Open(string path)
    {
        try
        {
            return new ImageArchive(path, ZipFile.OpenRead(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a readable zip archive ({e.Message})", e);
        }
    }

    public Image ReadPng(string entry) => Png.Decode(ReadBytes(entry), $"{Path}!{entry}");

    /// <summary>A text entry (such as a run's class_labels.txt) as UTF-8.</summary>
    public string ReadText(string entry) => Encoding.UTF8.GetString(ReadBytes(entry));

    public byte[] ReadBytes(string entry)
    {
        if (!_entries.TryGetValue(entry, out var zipEntry))
            throw new FileNotFoundException($"{Path}: no entry '{entry}' in the archive ({Entries.Count} entries)", entry);
        try
        {
            using var stream = zipEntry.Open();
            using var buffer = new MemoryStream((int)Math.Min(zipEntry.Length, int.MaxValue));
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{Path}!{entry}: corrupt zip entry ({e.Message})", e);
        }
    }

    public void Dispose() => _zip.Dispose();
}
