using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Papers.Shared.Data;

/// <summary>
/// What this process has learnt about local data files (sha256, and the verdict of a content check), per full path,
/// size and modification time: a run hashes a file once however many loaders ask for it, and a file that changes
/// on disk (a new size or time) is checked again. Process-wide, because every <see cref="DataFiles"/> call builds a
/// new store.
/// </summary>
internal static class FileChecks
{
    private readonly record struct Stamp(string FullPath, long Size, DateTime LastWriteUtc);

    private static readonly ConcurrentDictionary<Stamp, string> s_sha256 = new();
    private static readonly ConcurrentDictionary<Stamp, string> s_content = new();
    private static readonly ConcurrentDictionary<string, int> s_hashings = new(StringComparer.Ordinal);

    /// <summary>The file's sha256, lower-case hex; <paramref name="hashedNow"/> says whether it was read for it now.</summary>
    public static string Sha256(string path, out bool hashedNow)
    {
        var stamp = StampOf(path);
        hashedNow = !s_sha256.TryGetValue(stamp, out var known);
        if (!hashedNow) return known!;
        string actual;
        using (var stream = File.OpenRead(path)) actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        s_hashings.AddOrUpdate(stamp.FullPath, 1, (_, n) => n + 1);
        // A file rewritten while it was read has a new stamp by now: its hash is not remembered under the old one.
        if (StampOf(path) == stamp) s_sha256[stamp] = actual;
        return actual;
    }

    /// <summary>Records the hash of a file hashed as it was written (a download).</summary>
    public static void Remember(string path, string sha256) => s_sha256[StampOf(path)] = sha256;

    /// <summary>
    /// What <paramref name="check"/> saw in the file, run once per stamp; <paramref name="checkedNow"/> says whether it
    /// ran now. A check that throws is not remembered.
    /// </summary>
    public static string Content(string path, Func<string, string> check, out bool checkedNow)
    {
        var stamp = StampOf(path);
        checkedNow = !s_content.TryGetValue(stamp, out var known);
        if (!checkedNow) return known!;
        var seen = check(path);
        s_content[stamp] = seen;
        return seen;
    }

    /// <summary>Moves a checked file into place, keeping what is known about it.</summary>
    public static void Move(string from, string to)
    {
        var before = StampOf(from);
        File.Move(from, to, overwrite: true);
        var after = StampOf(to);
        if (s_sha256.TryRemove(before, out var sha256)) s_sha256[after] = sha256;
        if (s_content.TryRemove(before, out var content)) s_content[after] = content;
    }

    /// <summary>How many times this process has read the file at <paramref name="path"/> to hash it.</summary>
    public static int Hashings(string path) => s_hashings.GetValueOrDefault(Path.GetFullPath(path));

    private static Stamp StampOf(string path)
    {
        var info = new FileInfo(path);
        return new Stamp(info.FullName, info.Length, info.LastWriteTimeUtc);
    }
}
