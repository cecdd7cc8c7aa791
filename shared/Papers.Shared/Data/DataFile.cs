namespace Papers.Shared.Data;

/// <summary>One file of the dataset catalogue.</summary>
/// <param name="Path">Where the file sits under a data folder, with forward slashes (<c>planetoid/ind.cora.x</c>).</param>
/// <param name="Size">Size in bytes of the catalogued copy.</param>
/// <param name="Sha256">Every accepted sha256, lower-case hex; the first is the catalogued copy's.</param>
/// <param name="Urls">Where to download it, tried in order; empty where no public copy can be fetched alone.</param>
/// <param name="Note">What a user needs to know to supply the file by hand.</param>
/// <param name="CheckContent">For a file whose upstream hash is unknown: validates a download that matches none of
/// <paramref name="Sha256"/> and describes what it checked, or throws <see cref="InvalidDataException"/>.</param>
public sealed record DataFile(
    string Path,
    long Size,
    string[] Sha256,
    string[] Urls,
    string? Note = null,
    Func<string, string>? CheckContent = null)
{
    public bool Accepts(string sha256) => Sha256.Contains(sha256, StringComparer.OrdinalIgnoreCase);
}
