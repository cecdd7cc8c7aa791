using System.Security.Cryptography;
using System.Text;

namespace Papers.Shared.Data;

/// <summary>
/// The data files of the catalogue, found where <see cref="DataRoot"/> says and downloaded when missing:
/// <c>DataFiles.Get("planetoid/ind.cora.x")</c> is the path of a verified copy.
/// </summary>
public static class DataFiles
{
    /// <summary>A store over <see cref="DataRoot"/>'s folders, resolved afresh so that a changed PAPERS_DATA counts.</summary>
    public static DataStore Default => new(DataRoot.SearchFolders, DataRoot.DownloadFolder);

    /// <inheritdoc cref="DataStore.Get"/>
    public static string Get(string path) => Default.Get(path);

    /// <inheritdoc cref="DataStore.Find"/>
    public static string? Find(string path) => Default.Find(path);

    /// <summary>
    /// The sha256 of the file at <paramref name="file"/>, lower-case hex: the one <see cref="Get"/> checked it against
    /// when this process already read it as it is on disk, else hashed now (and remembered).
    /// </summary>
    public static string Sha256(string file) => FileChecks.Sha256(file, out _);

    /// <summary>
    /// The name of a cache derived from data files: 12 lower-case hex digits of the sha256 over
    /// <paramref name="recipe"/> (UTF-8) and then each source's sha256 (32 bytes each, in the order given). A changed
    /// recipe or source gives another name, so a stale cache is never read. The sources' hashes are the ones
    /// <see cref="Get"/> checked them against where it did, not read again.
    /// </summary>
    public static string CacheKey(string recipe, IEnumerable<string> sources)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(recipe));
        foreach (var file in sources) hash.AppendData(Convert.FromHexString(Sha256(file)));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
