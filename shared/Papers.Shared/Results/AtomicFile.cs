using System.Text;

namespace Papers.Shared.Results;

/// <summary>
/// Writes that readers never see half done: the content goes to a temporary file in the target's folder, which
/// then replaces the target by a rename (atomic within one file system). A write that fails midway leaves the
/// old file as it was and no temporary behind; the temporary of a process killed mid-write is removed by the next
/// write of the same file.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var started = DateTime.UtcNow;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        // Leftovers of writes that were killed before their rename: last touched before this write began.
        foreach (var stale in Directory.EnumerateFiles(folder, $".{Path.GetFileName(full)}.*.tmp"))
            if (File.GetLastWriteTimeUtc(stale) < started) File.Delete(stale);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, leaveOpen: true);
        writer.Write(text);
    });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }
}
