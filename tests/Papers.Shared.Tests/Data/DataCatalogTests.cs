using System.Security.Cryptography;
using Papers.Shared.Data;
using Xunit.Abstractions;

namespace Papers.Shared.Tests.Data;

public class DataCatalogTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryEntryHasAPlainPathAHexSha256AndAbsoluteUrls()
    {
        Assert.Equal(282, DataCatalog.Files.Count);
        foreach (var file in DataCatalog.Files)
        {
            Assert.DoesNotContain("..", file.Path);
            Assert.False(Path.IsPathRooted(file.Path), file.Path);
            Assert.True(file.Size > 0, file.Path);
            Assert.All(file.Sha256, h => Assert.Matches("^[0-9a-f]{64}$", h));
            Assert.All(file.Urls, u => Assert.True(Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", u));
            Assert.True(file.Urls.Length > 0 || file.Note is not null, $"{file.Path} has neither a URL nor a note saying how to get it");
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

    [Fact]
    public void CatalogueMatchesEveryRealFileByteForByte()
    {
        if (TestFiles.Real("planetoid/ind.cora.x", output) is null) return;
        var root = TestFiles.SharedData!;
        foreach (var file in DataCatalog.Files)
        {
            var path = Path.Combine(root, file.Path);
            Assert.True(File.Exists(path), $"{file.Path} is catalogued but not in {root}");
            Assert.Equal(file.Size, new FileInfo(path).Length);
            Assert.Equal(file.Sha256[0], Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        }
        var onDisk = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f is not ("README.md" or "MANIFEST.md"));
        Assert.DoesNotContain(onDisk, f => DataCatalog.Find(f) is null);
    }
}
