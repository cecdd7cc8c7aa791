using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

/// <summary>A catalogued file found in a data folder is checked against its sha256 once per path, size and modification time.</summary>
public class LocalCopyTests
{
    private const string Relative = "toy/numbers.txt";
    private const string Cora = "planetoid/ind.cora.x";
    private static readonly byte[] s_good = Encoding.ASCII.GetBytes("1 2 3 5 8 13\n");

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static Dictionary<string, DataFile> Catalog(DataFile file) => new() { [file.Path] = file };

    /// <summary>A new store for each call, as <see cref="DataFiles"/> builds one; the real catalogue unless one is given.</summary>
    private static DataStore Store(TempFolder folder, Dictionary<string, DataFile>? catalog = null, List<string>? log = null) =>
        new([folder.File("search")], folder.File("download"), catalog: catalog, log: log is null ? _ => { } : log.Add);

    [Fact]
    public void CorruptCopyOfACataloguedFileStopsNamingTheFileBothHashesAndTheFix()
    {
        using var folder = new TempFolder();
        var bad = Encoding.ASCII.GetBytes("not the Cora features");
        var path = folder.Write($"search/{Cora}", bad);

        var e = Assert.Throws<InvalidDataException>(() => Store(folder).Get(Cora));

        Assert.StartsWith($"Data file '{Cora}' is not the catalogued file: {path} is corrupt or another version", e.Message);
        Assert.Contains($"expected {DataCatalog.Find(Cora)!.Sha256[0]}, actual {Sha256(bad)}", e.Message);
        Assert.Contains($"To fix it, replace {path} with a correct copy, or delete it and run again to download one from " +
                        $"https://github.com/kimiyoung/planetoid/raw/master/data/ind.cora.x, or set PAPERS_DATA to a folder " +
                        $"that holds a correct {Cora}.", e.Message);
    }

    [Fact]
    public void CorruptCopyOfAFileWithoutDownloadSaysHowToGetOne()
    {
        using var folder = new TempFolder();
        var path = folder.Write("search/miniimagenet/val.zip", [0x50, 0x4b]);

        var e = Assert.Throws<InvalidDataException>(() => Store(folder).Get("miniimagenet/val.zip"));

        Assert.Contains($"replace {path} with a correct copy (no public download: resize the ILSVRC-2012 images", e.Message);
    }

    [DataFact(Cora)]
    public void RealFileWithOneByteAppendedIsRefused()
    {
        using var folder = new TempFolder();
        var real = File.ReadAllBytes(DataFiles.Get(Cora));
        var path = folder.Write($"search/{Cora}", real);
        Assert.Equal(path, Store(folder).Get(Cora));

        File.AppendAllBytes(path, [0]);

        var e = Assert.Throws<InvalidDataException>(() => Store(folder).Get(Cora));
        Assert.Contains($"actual {Sha256([.. real, 0])}", e.Message);
    }

    [Fact]
    public void AFileIsHashedOnceUntilItsSizeOrModificationTimeChanges()
    {
        using var folder = new TempFolder();
        var path = folder.Write($"search/{Relative}", s_good);
        var catalog = Catalog(new DataFile(Relative, s_good.Length, [Sha256(s_good)], []));

        Assert.Equal(path, Store(folder, catalog).Get(Relative));
        Assert.Equal(path, Store(folder, catalog).Get(Relative));
        Assert.Equal(1, FileChecks.Hashings(path));

        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddMinutes(-1));
        Store(folder, catalog).Get(Relative);
        Assert.Equal(2, FileChecks.Hashings(path));

        // Another size at the remembered time: checked again, and refused.
        File.WriteAllBytes(path, [.. s_good, (byte)'\n']);
        File.SetLastWriteTimeUtc(path, written.AddMinutes(-1));
        Assert.Throws<InvalidDataException>(() => Store(folder, catalog).Get(Relative));
        Assert.Equal(3, FileChecks.Hashings(path));
    }

    [Fact]
    public void FilesOutsideTheCatalogueAreReadUnchecked()
    {
        using var folder = new TempFolder();
        var path = folder.Write("search/toy/unknown.bin", [1, 2, 3]);

        Assert.Equal(path, Store(folder).Get("toy/unknown.bin"));
        Assert.Equal(0, FileChecks.Hashings(path));
    }

    [Fact]
    public void WhereTwoCopiesAreAcceptedOneLineSaysWhichWasRead()
    {
        using var folder = new TempFolder();
        var official = Encoding.ASCII.GetBytes("1 2 3 5 8 13 as the authors wrote it\n");
        folder.Write($"search/{Relative}", official);
        var catalog = Catalog(new DataFile(Relative, s_good.Length, [Sha256(s_good), Sha256(official)], [],
                                           Copies: ["our rebuild", "the official file"]));
        var log = new List<string>();

        Store(folder, catalog, log).Get(Relative);
        Store(folder, catalog, log).Get(Relative);

        Assert.Equal([$"{Relative}: reading the official file (sha256 {Sha256(official)})"], log);
    }

    [Fact]
    public void LocalCopyWhoseUpstreamHashIsUnknownIsAcceptedOnContentOnceAndRefusedOnBadContent()
    {
        using var folder = new TempFolder();
        var rows = string.Concat(Enumerable.Range(0, 3).Select(d => d.ToString("F4", CultureInfo.InvariantCulture) +
                                                                     string.Concat(Enumerable.Repeat(" -1.0000", 256)) + "\n"));
        var upstream = TestFiles.Gzip(Encoding.ASCII.GetBytes(rows));
        var path = folder.Write("search/usps/zip.test.gz", upstream);
        var catalog = Catalog(new DataFile("usps/zip.test.gz", 1, [new string('0', 64)], [], CheckContent: Usps.ContentCheck(3)));
        var log = new List<string>();

        Store(folder, catalog, log).Get("usps/zip.test.gz");
        Store(folder, catalog, log).Get("usps/zip.test.gz");

        Assert.Equal([$"usps/zip.test.gz: sha256 {Sha256(upstream)} is not catalogued (the upstream hash is unknown); " +
                      "accepted on content: 3 rows of a label 0-9 and 256 values in [-1, 1]"], log);

        File.WriteAllBytes(path, TestFiles.Gzip(Encoding.ASCII.GetBytes("3.0000 0.5\n")));
        var e = Assert.Throws<InvalidDataException>(() => Store(folder, catalog).Get("usps/zip.test.gz"));
        Assert.Contains("its upstream hash is unknown and its content is wrong", e.Message);
        Assert.Contains("2 fields", e.Message);
    }
}
