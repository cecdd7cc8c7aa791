using System.Security.Cryptography;
using System.Text;
using Papers.Shared.Data;

namespace Papers.Shared.Tests.Data;

public class CacheKeyTests
{
    [Fact]
    public void TheKeyIsTheFirstTwelveHexDigitsOfTheSha256OverTheRecipeAndTheSourcesHashes()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.bin", [1, 2, 3]);
        var b = folder.Write("b.bin", [4, 5]);
        // By hand: sha256("recipe-v1" ‖ sha256(a) ‖ sha256(b)).
        var expected = Convert.ToHexStringLower(SHA256.HashData(
            Encoding.UTF8.GetBytes("recipe-v1").Concat(SHA256.HashData(new byte[] { 1, 2, 3 })).Concat(SHA256.HashData(new byte[] { 4, 5 })).ToArray()))[..12];

        Assert.Equal(expected, DataFiles.CacheKey("recipe-v1", [a, b]));
        Assert.NotEqual(expected, DataFiles.CacheKey("recipe-v2", [a, b]));   // another recipe
        Assert.NotEqual(expected, DataFiles.CacheKey("recipe-v1", [b, a]));   // the order counts

        File.WriteAllBytes(a, [1, 2, 4]);
        File.SetLastWriteTimeUtc(a, File.GetLastWriteTimeUtc(a).AddSeconds(1));   // a changed source is read again
        Assert.NotEqual(expected, DataFiles.CacheKey("recipe-v1", [a, b]));
    }
}
