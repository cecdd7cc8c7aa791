using System.Globalization;
using System.Text;
using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

public class UspsTests
{
    /// <summary>One ESL line: the label and 256 values, each with 4 decimals, separated by spaces.</summary>
    private static string Row(int label, Func<int, double> value) =>
        string.Join(' ', new[] { (double)label }.Concat(Enumerable.Range(0, 256).Select(value)).Select(v => v.ToString("F4", CultureInfo.InvariantCulture)));

    [Fact]
    public void GzippedRowsReadAsLabelsAndRowMajorPixels()
    {
        using var folder = new TempFolder();
        var text = Row(6, k => k == 17 ? 0.5 : -1) + "\n" + Row(0, k => 1 - k / 128.0) + "\n";
        var path = folder.Write("zip.train.gz", TestFiles.Gzip(Encoding.ASCII.GetBytes(text)));

        var digits = Usps.Load(path);

        Assert.Equal([6, 0], digits.Labels);
        Assert.Equal(512, digits.Pixels.Length);
        Assert.Equal(0.5f, digits.Pixels[17]); // row 1, column 1 of the first image
        Assert.Equal(-1f, digits.Pixels[18]);
        Assert.Equal(1 - 255 / 128f, digits.Pixels[256 + 255], 4);
        using var t = digits.ToTensor();
        Assert.Equal([2L, 16L, 16L], t.shape);
    }

    [Theory]
    [InlineData("3.0000 0.5", "line 2: 2 fields, expected a label and 256 values")]
    [InlineData("REPLACE_LABEL 10.0000", "line 2: label 10.0000 is not a digit 0-9")]
    [InlineData("REPLACE_LABEL 2.5000", "line 2: label 2.5000 is not a digit 0-9")]
    [InlineData("REPLACE_VALUE 1.5000", "line 2: value 1.5000 outside [-1, 1]")]
    [InlineData("REPLACE_VALUE x", "line 2: 'x' is not a number")]
    public void MalformedRowsAreRefusedNamingFileAndLine(string spec, string reason)
    {
        using var folder = new TempFolder();
        var parts = spec.Split(' ');
        var bad = parts[0] switch
        {
            "REPLACE_LABEL" => parts[1] + Row(1, _ => 0)[6..],
            "REPLACE_VALUE" => Row(1, _ => 0)[..^6] + parts[1],
            _ => spec,
        };
        var path = folder.Write("zip.test", Encoding.ASCII.GetBytes(Row(1, _ => 0) + "\n" + bad + "\n"));

        var e = Assert.Throws<InvalidDataException>(() => Usps.Load(path));
        Assert.Equal($"{path}: {reason}", e.Message);
    }

    [DataTheory("usps/zip.train.gz", "usps/zip.test.gz")]
    [InlineData("usps/zip.train.gz", new[] { 1194, 1005, 731, 658, 652, 556, 664, 645, 542, 644 })]
    [InlineData("usps/zip.test.gz", new[] { 359, 264, 198, 166, 200, 160, 170, 147, 166, 177 })]
    public void UspsFilesHaveTheRecordedClassCountsAndRange(string file, int[] counts)
    {
        var path = DataFiles.Get(file);
        var digits = Usps.Load(path);

        Assert.Equal(counts, Enumerable.Range(0, 10).Select(d => digits.Labels.Count(l => l == d)));
        Assert.Equal((-1f, 1f), (digits.Pixels.Min(), digits.Pixels.Max()));
        Assert.Equal($"{counts.Sum()} rows of a label 0-9 and 256 values in [-1, 1]", Usps.ContentCheck(counts.Sum())(path));
    }
}
