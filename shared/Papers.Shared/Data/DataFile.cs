namespace Papers.Shared.Data;

/// <summary>One file of the dataset catalogue.</summary>
/// <param name="Path">Where the file sits under a data folder, with forward slashes (<c>planetoid/ind.cora.x</c>).</param>
/// <param name="Size">Size in bytes of the catalogued copy.</param>
/// <param name="Sha256">Every accepted sha256, lower-case hex; the first is the catalogued copy's.</param>
/// <param name="Urls">Where to download it, tried in order; empty where no public copy can be fetched alone.</param>
/// <param name="Note">What a user needs to know to supply the file by hand.</param>
/// <param name="CheckContent">For a file whose upstream hash is unknown: validates a copy that matches none of
/// <paramref name="Sha256"/> and describes what it checked, or throws <see cref="InvalidDataException"/>.</param>
/// <param name="Copies">Where more than one copy is accepted: what each is (our rebuild, the official file), in the
/// order of <paramref name="Sha256"/>, so that a run can say which one it read.</param>
public sealed record DataFile(
    string Path,
    long Size,
    string[] Sha256,
    string[] Urls,
    string? Note = null,
    Func<string, string>? CheckContent = null,
    string[]? Copies = null)
{
    public bool Accepts(string sha256) => Sha256.Contains(sha256, StringComparer.OrdinalIgnoreCase);

    /// <summary>What the accepted copy with this sha256 is, or null where the catalogue names no copies.</summary>
    public string? CopyOf(string sha256)
    {
        var index = Array.FindIndex(Sha256, h => string.Equals(h, sha256, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && Copies is { } copies && index < copies.Length ? copies[index] : null;
    }

    /// <summary>The accepted hashes as an error message states them.</summary>
    public string ExpectedSha256 => Sha256.Length == 1 ? Sha256[0] : "one of " + string.Join(", ", Sha256);
}
