using System.Security.Cryptography;
using Papers.Shared.Data;
namespace Papers.Shared.Tests.Data;

public class DataCatalogTests
{
    [Fact]
    public void EveryEntryHasAPlainPathAHexSha256AndAbsoluteUrls()
    {
        Assert.Equal(288, DataCatalog.Files.Count);
        foreach (var file in DataCatalog.Files)
        {
            Assert.DoesNotContain("..", file.Path);
            Assert.False(Path.IsPathRooted(file.Path), file.Path);
            Assert.True(file.Size > 0, file.Path);
            Assert.All(file.Sha256, h => Assert.Matches("^[0-9a-f]{64}$", h));
            Assert.All(file.Urls, u => Assert.True(Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", u));
            Assert.True(file.Urls.Length > 0 || file.Note is not null, $"{file.Path} has neither a URL nor a note saying how to get it");
            Assert.True(file.Copies is null || file.Copies.Length == file.Sha256.Length, $"{file.Path} names {file.Copies?.Length} copies for {file.Sha256.Length} hashes");
        }
    }

    [Fact]
    public void UspsAcceptsTheUpstreamHashOrChecksContentWhereItIsUnknown()
    {
        var train = DataCatalog.Find("usps/zip.train.gz")!;
        Assert.True(train.Accepts("66ebf231ab51f2cf6ac1a892d0f98ccffee1079d7a5db638c1f11f366046ca16"));
        Assert.True(train.Accepts("7ed1caf77cf2c8fd4b0e36e13490207dc1b1c7ae88787d97875fbe92448f5e8f"));
        Assert.Null(train.CheckContent);
        Assert.NotNull(DataCatalog.Find("usps/zip.test.gz")!.CheckContent);
        Assert.Equal(["https://ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz"],
                     DataCatalog.Find("mnist/t10k-images-idx3-ubyte.gz")!.Urls[1..]);
    }

    /// <summary>
    /// The rebuilt MNIST train images and the repacked Omniglot zips are catalogued with the official files' sha256
    /// (9,912,422, 9,464,212 and 6,462,886 bytes) as second accepted copies, each named; Mini-ImageNet has no URL.
    /// </summary>
    [Theory]
    [InlineData("mnist/train-images-idx3-ubyte.gz", "8e59d4e6322d5e291f26338633ee8015e1369ee4616a784cd934bc27c2948978", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609")]
    [InlineData("omniglot/images_background.zip", "12f28f39d6d0baaa9b94998e145067e51cc8bdac385d5b3c8994ade9a99f11a2", "ad41ab679c8b5d90b271ef46be6987cc81211774a695c29dcc5367b2b26ee640")]
    [InlineData("omniglot/images_evaluation.zip", "7fd4f63de21cc4a4e0abb7d2f4b8d5491637b42651c1817c538392ae00186206", "1f61a8f3366785b057fc117d9228e78a16e3d976c8953b2a10fcc74cf0609cee")]
    public void RebuiltCopiesAcceptTheOfficialFileAndNameWhichIsRead(string path, string ours, string official)
    {
        var file = DataCatalog.Find(path)!;
        Assert.Equal([ours, official], file.Sha256);
        Assert.Equal("our rebuild", file.CopyOf(ours));
        Assert.Equal("the official file", file.CopyOf(official));
        Assert.Null(file.CopyOf(new string('0', 64)));
        Assert.Null(DataCatalog.Find("mnist/t10k-images-idx3-ubyte.gz")!.CopyOf("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"));
    }

    [Theory]
    [InlineData("train", 104019025)]
    [InlineData("val", 25396616)]
    [InlineData("test", 32314942)]
    public void MiniImageNetZipsSayThereIsNoPublicDownload(string split, long size)
    {
        var file = DataCatalog.Find($"miniimagenet/{split}.zip")!;
        Assert.Equal(size, file.Size);
        Assert.Empty(file.Urls);
        Assert.StartsWith("no public download", file.Note);
        Assert.Contains($"miniimagenet_splits/{split}.csv", file.Note);
    }

    [SharedDataFact]
    public void CatalogueMatchesEveryRealFileByteForByte()
    {
        var root = TestFiles.SharedData;
        Assert.NotNull(root);
        foreach (var file in DataCatalog.Files)
        {
            var path = Path.Combine(root, file.Path);
            Assert.True(File.Exists(path), $"{file.Path} is catalogued but not in {root}");
            Assert.Equal(file.Size, new FileInfo(path).Length);
            using var stream = File.OpenRead(path);
            Assert.Equal(file.Sha256[0], Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        var onDisk = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f is not ("README.md" or "MANIFEST.md"));
        Assert.DoesNotContain(onDisk, f => DataCatalog.Find(f) is null);
    }
}
