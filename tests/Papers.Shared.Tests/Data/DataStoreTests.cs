using System.Security.Cryptography;
using System.Text;
using Papers.Shared.Data;

namespace Papers.Shared.Tests.Data;

public class DataStoreTests
{
    private const string Relative = "toy/numbers.txt";
    private static readonly byte[] s_good = Encoding.ASCII.GetBytes("1 2 3 5 8 13\n");
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static Dictionary<string, DataFile> Catalog(params DataFile[] files) => files.ToDictionary(f => f.Path);

    private static DataFile Toy(params string[] urls) => new(Relative, s_good.Length, [Sha256(s_good)], urls);

    private static DataStore Store(TempFolder folder, Dictionary<string, DataFile> catalog, Uri? httpBase = null, List<string>? log = null) =>
        new([folder.File("search")], folder.File("download"), httpBase, catalog, s_timeout, log is null ? _ => { } : log.Add);

    /// <summary>Only the verified file may remain: no temporary (.part) files beside it.</summary>
    private static string[] FilesUnder(TempFolder folder) =>
        Directory.Exists(folder.File("download"))
            ? Directory.GetFiles(folder.File("download"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder.Path, f)).ToArray()
            : [];

    [Fact]
    public void FindReturnsTheFirstFolderThatHoldsTheFile()
    {
        using var folder = new TempFolder();
        folder.Write("second/toy/numbers.txt", s_good);
        var store = new DataStore([folder.File("first"), folder.File("second"), folder.File("third")], null);
        Assert.Equal(folder.File("second/toy/numbers.txt"), store.Get(Relative));

        folder.Write("first/toy/numbers.txt", s_good);
        Assert.Equal(folder.File("first/toy/numbers.txt"), store.Find(Relative));
        Assert.Null(store.Find("toy/other.txt"));
    }

    [Fact]
    public void DownloadOfAGoodFileIsVerifiedAndPutInTheDownloadFolder()
    {
        using var folder = new TempFolder();
        using var server = new LoopbackServer(new() { [Relative] = s_good });
        var log = new List<string>();
        var store = Store(folder, Catalog(Toy()), server.BaseUri, log);

        var path = store.Get(Relative);

        Assert.Equal(folder.File("download/toy/numbers.txt"), path);
        Assert.Equal(s_good, File.ReadAllBytes(path));
        Assert.Equal([Path.Combine("download", "toy", "numbers.txt")], FilesUnder(folder));
        Assert.Contains(log, line => line.Contains($"{server.BaseUri}{Relative}"));
        // Once in place, the file is found without asking the server again.
        var downloadFolderFirst = new DataStore([folder.File("download")], folder.File("download"), server.BaseUri, Catalog(Toy()), s_timeout, _ => { });
        Assert.Equal(path, downloadFolderFirst.Get(Relative));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void CorruptedDownloadIsRefusedWithExpectedAndActualSha256AndNotKept()
    {
        using var folder = new TempFolder();
        var corrupted = Encoding.ASCII.GetBytes("1 2 3 5 8 14\n");
        using var server = new LoopbackServer(new() { [Relative] = corrupted });
        var store = Store(folder, Catalog(Toy()), server.BaseUri);

        var e = Assert.Throws<InvalidDataException>(() => store.Get(Relative));

        Assert.Contains($"expected {Sha256(s_good)}", e.Message);
        Assert.Contains($"actual {Sha256(corrupted)}", e.Message);
        Assert.Contains(Relative, e.Message);
        Assert.Empty(FilesUnder(folder));
    }

    [Fact]
    public void NotFoundOnTheServerNamesTheFileTheFoldersTheUrlAndHowToSupplyIt()
    {
        using var folder = new TempFolder();
        using var server = new LoopbackServer([]);
        var store = Store(folder, Catalog(Toy()), server.BaseUri);

        var e = Assert.Throws<FileNotFoundException>(() => store.Get(Relative));

        Assert.Contains($"'{Relative}'", e.Message);
        Assert.Contains(folder.File("search"), e.Message);
        Assert.Contains($"{server.BaseUri}{Relative}: HTTP 404", e.Message);
        Assert.Contains("PAPERS_DATA", e.Message);
        Assert.Contains(folder.File("download/toy/numbers.txt"), e.Message);
        Assert.Equal([Relative], server.Requests);
        Assert.Empty(FilesUnder(folder));
    }

    [Fact]
    public void WithoutNetworkTheErrorNamesEveryUrlTried()
    {
        using var folder = new TempFolder();
        var closed = LoopbackServer.ClosedPort();
        var urls = new[] { new Uri(closed, "primary/numbers.txt").AbsoluteUri, new Uri(closed, "mirror/numbers.txt").AbsoluteUri };
        var store = Store(folder, Catalog(Toy(urls)));

        var e = Assert.Throws<FileNotFoundException>(() => store.Get(Relative));

        Assert.Contains(urls[0], e.Message);
        Assert.Contains(urls[1], e.Message);
        Assert.Contains("copy the file to", e.Message);
        Assert.Empty(FilesUnder(folder));
    }

    [Fact]
    public void CataloguedUrlsAreTriedInOrderUntilOneServesTheFile()
    {
        using var folder = new TempFolder();
        using var server = new LoopbackServer(new() { ["mirror/numbers.txt"] = s_good });
        var store = Store(folder, Catalog(Toy(new Uri(server.BaseUri, "gone/numbers.txt").AbsoluteUri,
                                              new Uri(server.BaseUri, "mirror/numbers.txt").AbsoluteUri)));

        Assert.Equal(s_good, File.ReadAllBytes(store.Get(Relative)));
        Assert.Equal(["gone/numbers.txt", "mirror/numbers.txt"], server.Requests);
    }

    [Fact]
    public void EveryAcceptedHashIsAccepted()
    {
        using var folder = new TempFolder();
        var upstream = Encoding.ASCII.GetBytes("the same data, written differently\n");
        using var server = new LoopbackServer(new() { [Relative] = upstream });
        var entry = new DataFile(Relative, s_good.Length, [Sha256(s_good), Sha256(upstream)], []);

        Assert.Equal(upstream, File.ReadAllBytes(Store(folder, Catalog(entry), server.BaseUri).Get(Relative)));
    }

    [Fact]
    public void UnknownUpstreamHashIsAcceptedOnCheckedContentAndSaysSo()
    {
        using var folder = new TempFolder();
        var rows = string.Concat(Enumerable.Range(0, 3).Select(d => $"{d}.0000" + string.Concat(Enumerable.Repeat(" -1.0000", 256)) + "\n"));
        var upstream = TestFiles.Gzip(Encoding.ASCII.GetBytes(rows));
        using var server = new LoopbackServer(new() { ["usps/zip.test.gz"] = upstream });
        var entry = new DataFile("usps/zip.test.gz", 1, [new string('0', 64)], [], CheckContent: Usps.ContentCheck(3));
        var log = new List<string>();

        var path = Store(folder, Catalog(entry), server.BaseUri, log).Get("usps/zip.test.gz");

        Assert.Equal(upstream, File.ReadAllBytes(path));
        Assert.Contains(log, line => line.Contains("upstream hash is unknown") && line.Contains(Sha256(upstream)) && line.Contains("3 rows"));
    }

    [Fact]
    public void UnknownUpstreamHashWithWrongContentIsRefused()
    {
        using var folder = new TempFolder();
        var upstream = TestFiles.Gzip(Encoding.ASCII.GetBytes("3.0000 0.5\n"));
        using var server = new LoopbackServer(new() { ["usps/zip.test.gz"] = upstream });
        var entry = new DataFile("usps/zip.test.gz", 1, [new string('0', 64)], [], CheckContent: Usps.ContentCheck(3));

        var e = Assert.Throws<InvalidDataException>(() => Store(folder, Catalog(entry), server.BaseUri).Get("usps/zip.test.gz"));

        Assert.Contains($"actual {Sha256(upstream)}", e.Message);
        Assert.Contains("2 fields", e.Message);
        Assert.Empty(FilesUnder(folder));
    }

    [Fact]
    public void FileWithoutUrlOrOutsideTheCatalogueIsNotFoundWithTheReason()
    {
        using var folder = new TempFolder();
        var noUrl = new DataFile(Relative, 1, [new string('0', 64)], [], Note: "only in a repository's history");
        var store = Store(folder, Catalog(noUrl));

        Assert.Contains("only in a repository's history", Assert.Throws<FileNotFoundException>(() => store.Get(Relative)).Message);
        Assert.Contains("not in the dataset catalogue", Assert.Throws<FileNotFoundException>(() => store.Get("toy/unknown.bin")).Message);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../outside.txt")]
    [InlineData("planetoid//ind.cora.x")]
    [InlineData(" ")]
    public void PathsOutsideADataFolderAreRejected(string path)
    {
        using var folder = new TempFolder();
        Assert.Throws<ArgumentException>(() => Store(folder, Catalog()).Get(path));
    }
}
