namespace Papers.Shared.Data;

/// <summary>Every dataset file the papers read, with its size, accepted hashes and download URLs.</summary>
public static partial class DataCatalog
{
    // USPS (data README, "USPS"): the catalogued copies were rebuilt from an HDF5 copy of the ESL files, so their
    // bytes differ from upstream while the text is the same data. Upstream zip.train.gz (1,829,071 bytes) has a
    // known hash and is accepted as well; upstream zip.test.gz's hash is unknown, so a download of it is accepted
    // on its content instead.
    private const string UspsTrainUpstreamSha256 = "66ebf231ab51f2cf6ac1a892d0f98ccffee1079d7a5db638c1f11f366046ca16";
    private const int UspsTestRows = 2007;
    private const string UspsNote =
        "Elements of Statistical Learning layout; the upstream gzip and the catalogued rebuild are both accepted";

    // BSDS500 is published only as one archive (BSR_bsds500.tgz); each image is fetched from the public copy
    // the catalogued bytes were taken from, at a fixed commit.
    private const string BsdsSource =
        "https://github.com/Sisso16/ssn_pytorch/raw/c4f9ac8c43397cbacbf2e2ba1505efafa769435d/BSR/BSDS500/data/images/train/";
    private const string BsdsArchive =
        "http://www.eecs.berkeley.edu/Research/Projects/CS/vision/grouping/BSR/BSR_bsds500.tgz";

    private static DataFile Bsds(string name, long size, string sha256) =>
        new($"bsds500/train/{name}", size, [sha256], [BsdsSource + name],
            Note: $"also in {BsdsArchive} as BSR/BSDS500/data/images/train/{name}");

    private static readonly Dictionary<string, DataFile> s_byPath;

    // The table lives in another part of this partial class, whose initializers may run in either order:
    // index it here, after all of them.
    static DataCatalog() => s_byPath = s_files.ToDictionary(f => f.Path, StringComparer.Ordinal);

    public static IReadOnlyCollection<DataFile> Files => s_files;

    public static IReadOnlyDictionary<string, DataFile> ByPath => s_byPath;

    public static DataFile? Find(string path) => s_byPath.GetValueOrDefault(path);
}
