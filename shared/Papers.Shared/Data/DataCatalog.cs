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
        "Elements of Statistical Learning layout; the upstream gzip and our rebuild are both accepted";

    // Where the catalogued copy was rebuilt from another public copy of the same data, the official file is accepted
    // too, and a run says which of the two it read. A property, not a field: the table in the other part of this
    // class may be initialised first.
    private static string[] RebuildOrOfficial => ["our rebuild", "the official file"];

    // MNIST train images (data README §4): rebuilt from a PNG copy of the 60,000 digits. The official gz is
    // 9,912,422 bytes, md5 f68b3c2dcbeaaa9fbdd348bbdeb94873; its sha256 is tensorflow-datasets'
    // (url_checksums/mnist.txt), whose other three MNIST hashes equal our official copies'.
    private const string MnistTrainImagesOfficialSha256 = "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609";

    // Omniglot's full background and evaluation sets (data README §3): repacked from a public copy of the same
    // images. The official zips (9,464,212 and 6,462,886 bytes; md5 68d2efa1b9178cc56df9314c21c6e718 and
    // 6b91aef0f799c5bb55b94e3f2daec811) have the sha256 of tensorflow-datasets' url_checksums/omniglot.txt, whose
    // hashes of the two small background subsets equal our copies' of the same official files.
    private const string OmniglotBackgroundOfficialSha256 = "ad41ab679c8b5d90b271ef46be6987cc81211774a695c29dcc5367b2b26ee640";
    private const string OmniglotEvaluationOfficialSha256 = "1f61a8f3366785b057fc117d9228e78a16e3d976c8953b2a10fcc74cf0609cee";
    private const string OmniglotNote = "repacked in the official layout from the same 32,460 images; the official zip is accepted as well";

    // Mini-ImageNet's 84×84 images have no public download: they are ILSVRC-2012 images (research, non-commercial
    // use) resized by the MAML proc_images.py recipe, packed per split of the Ravi & Larochelle CSVs.
    private static DataFile MiniImageNet(string split, long size, string sha256) =>
        new($"miniimagenet/{split}.zip", size, [sha256], [],
            Note: $"no public download: resize the ILSVRC-2012 images named in miniimagenet_splits/{split}.csv to 84×84 " +
                  $"(MAML proc_images.py) and zip them as <wnid>/<filename>; the catalogued copy was packed from " +
                  $"github:SankhaSubhra/Few-shot-Learners data/miniimagenet/{split}/ @671e9b3");

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
