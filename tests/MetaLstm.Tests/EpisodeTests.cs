using System.IO.Compression;
using Papers.Shared.Data;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm.Tests;

public class EpisodeTests
{
    // 12 classes of 25 one-pixel "images" 1×2×2 whose first byte is the class and second the index within it.
    private static ImageSet Synthetic(string name = "synthetic", int classes = 12, int images = 25, string prefix = "c")
    {
        var pixels = new byte[classes * images * 4];
        for (var c = 0; c < classes; c++)
            for (var i = 0; i < images; i++)
                (pixels[(c * images + i) * 4], pixels[(c * images + i) * 4 + 1]) = ((byte)c, (byte)i);
        return new ImageSet(name, 1, 2, pixels, Enumerable.Range(0, classes + 1).Select(c => c * images).ToArray(),
            Enumerable.Range(0, classes).Select(c => $"{prefix}{c}").ToArray()).Validated();
    }

    [Theory]
    [InlineData(5, 1, 15)]
    [InlineData(5, 5, 15)]
    [InlineData(3, 2, 4)]
    public void EpisodesHaveKSupportAndQQueryExamplesOfNDistinctClasses(int ways, int shots, int queries)
    {
        var images = Synthetic();
        var sampler = new EpisodeSampler(images, ways, shots, queries);
        using var generator = new Generator(11);
        for (var e = 0; e < 50; e++)
        {
            using var episode = sampler.Next(generator);
            Assert.Equal([(long)ways * shots, 1, 2, 2], episode.Support.shape);
            Assert.Equal([(long)ways * queries, 1, 2, 2], episode.Query.shape);
            Assert.Equal(ways, episode.Classes.Distinct().Count());
            var supportLabels = episode.SupportLabels.data<long>().ToArray();
            var queryLabels = episode.QueryLabels.data<long>().ToArray();
            for (var label = 0; label < ways; label++)
            {
                Assert.Equal(shots, supportLabels.Count(l => l == label));
                Assert.Equal(queries, queryLabels.Count(l => l == label));
            }
            // Each example's pixels name its class: the label's class, and no image is both support and query.
            var support = (episode.Support * 255).round().to(ScalarType.Int64).view([-1, 4]).data<long>().ToArray();
            var query = (episode.Query * 255).round().to(ScalarType.Int64).view([-1, 4]).data<long>().ToArray();
            for (var n = 0; n < supportLabels.Length; n++) Assert.Equal(episode.Classes[supportLabels[n]], support[4 * n]);
            for (var n = 0; n < queryLabels.Length; n++) Assert.Equal(episode.Classes[queryLabels[n]], query[4 * n]);
            Assert.Empty(episode.SupportIndices.Intersect(episode.QueryIndices));
            Assert.Equal(ways * (shots + queries), episode.SupportIndices.Concat(episode.QueryIndices).Distinct().Count());
        }
    }

    [Fact]
    public void EpisodesAreDeterministicPerGenerator()
    {
        var sampler = new EpisodeSampler(Synthetic(), 5, 1, 15);
        using var a = new Generator(4);
        using var b = new Generator(4);
        using var first = sampler.Next(a);
        using var second = sampler.Next(b);
        Assert.Equal(first.SupportIndices, second.SupportIndices);
        Assert.Equal(first.QueryIndices, second.QueryIndices);
    }

    [Fact]
    public void SplitsSharingAClassAreRefused()
    {
        var train = Synthetic("train", prefix: "a");
        var validation = Synthetic("validation", prefix: "b");
        new MetaSplits(train, validation, Synthetic("test", prefix: "c")).CheckDisjoint();
        var error = Assert.Throws<InvalidDataException>(() => new MetaSplits(train, validation, Synthetic("test", prefix: "a")).CheckDisjoint());
        Assert.Contains("a0", error.Message);
    }

    [Fact]
    public void ACacheRoundTripsItsImageSet()
    {
        var images = Synthetic();
        using var stream = new MemoryStream();
        ImageCache.Write(stream, images);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, stream.ToArray());
            var read = ImageCache.Read(path);
            Assert.Equal(images.Pixels, read.Pixels);
            Assert.Equal(images.ClassStart, read.ClassStart);
            Assert.Equal(images.ClassNames, read.ClassNames);
            File.WriteAllBytes(path, stream.ToArray()[..^3]);
            Assert.Contains("not a complete image cache", Assert.Throws<InvalidDataException>(() => ImageCache.Read(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Area averaging 105 → 28: output column 0 covers source columns [0, 3.75), column 1 [3.75, 7.5).</summary>
    [Fact]
    public void OmniglotReductionAveragesTheCoveredArea()
    {
        var pixels = new byte[105 * 105];
        for (var y = 0; y < 105; y++)
            for (var x = 0; x < 105; x++) pixels[y * 105 + x] = (byte)(x < 4 ? 0 : 255);
        var output = new byte[28 * 28];
        Omniglot.Reduce(new Image(105, 105, 1, pixels), "test", output);
        for (var y = 0; y < 28; y++)
        {
            Assert.Equal(0, output[y * 28]);
            Assert.Equal((byte)Math.Round(255 * 3.5 / 3.75), output[y * 28 + 1]);   // 0.25 of a black column, 3.5 white
            Assert.All(Enumerable.Range(2, 26), x => Assert.Equal(255, output[y * 28 + x]));
        }
    }

    [DataFact("miniimagenet_splits/train.csv", "miniimagenet_splits/val.csv", "miniimagenet_splits/test.csv")]
    public void MiniImageNetSplitsHave64And16And20DisjointClassesOf600()
    {
        var splits = MiniImageNet.Splits.ToDictionary(s => s, s => MiniImageNet.ReadSplit(DataFiles.Get($"miniimagenet_splits/{s}.csv")));
        foreach (var (split, classes) in splits)
        {
            Assert.Equal(MiniImageNet.ClassCount[split], classes.Count);
            Assert.All(classes, c => Assert.Equal(MiniImageNet.ImagesPerClass, c.Files.Count));
            Assert.All(classes, c => Assert.All(c.Files, f => Assert.StartsWith(c.Wnid, f)));
        }
        Assert.Equal(100, splits.Values.SelectMany(c => c.Select(x => x.Wnid)).Distinct().Count());
    }

    /// <summary>The Mini-ImageNet decoder on a small zip in the real layout, built from real JPEGs of val.zip.</summary>
    [DataFact("miniimagenet/val.zip", "miniimagenet_splits/val.csv")]
    public void MiniImageNetDecoderReadsTheZipLayoutClassByClass()
    {
        var classes = MiniImageNet.ReadSplit(DataFiles.Get("miniimagenet_splits/val.csv")).Take(3).Select(c => (c.Wnid, c.Files.Take(4).ToList())).ToList();
        var zip = Path.Combine(Path.GetTempPath(), $"miniimagenet-{Guid.NewGuid():N}.zip");
        try
        {
            using (var source = ImageArchive.Open(DataFiles.Get("miniimagenet/val.zip")))
            using (var target = ZipFile.Open(zip, ZipArchiveMode.Create))
                foreach (var (wnid, files) in classes)
                    foreach (var file in files)
                    {
                        using var entry = target.CreateEntry($"{wnid}/{file}", CompressionLevel.NoCompression).Open();
                        entry.Write(source.ReadBytes($"{wnid}/{file}"));
                    }
            var set = MiniImageNet.Decode("small", zip, classes);
            Assert.Equal(3, set.Classes);
            Assert.Equal([0, 4, 8, 12], set.ClassStart);
            Assert.Equal(3 * 84 * 84, set.Bytes);
            using var archive = ImageArchive.Open(zip);
            var image = Jpeg.Decode(archive.ReadBytes($"{classes[1].Wnid}/{classes[1].Item2[2]}"), "check");
            var n = 4 + 2;
            Assert.Equal(image[10, 20, 1], set.Pixels[n * set.Bytes + (1 * 84 + 10) * 84 + 20]);   // channel-major
            Assert.Equal(image[83, 0, 2], set.Pixels[n * set.Bytes + (2 * 84 + 83) * 84 + 0]);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [DataFact("omniglot/images_background_small1.zip")]
    public void OmniglotSmallSubsetHas136CharactersOf20Drawings()
    {
        var set = Omniglot.Decode("small1", DataFiles.Get("omniglot/images_background_small1.zip"));
        Assert.Equal(136, set.Classes);
        Assert.Equal(2720, set.Count);
        Assert.All(Enumerable.Range(0, set.Classes), c => Assert.Equal(20, set.ImagesOf(c)));
        Assert.Equal(["Balinese", "Early_Aramaic", "Greek", "Korean", "Latin"], set.ClassNames.Select(Omniglot.Alphabet).Distinct());
        Assert.Equal(28, set.Side);
    }

    [DataFact("omniglot/all_runs.zip")]
    public void TheTwentyOneShotRunsHaveTwentyClassesAndTwentyTestItems()
    {
        var runs = Omniglot.LoadRuns(DataFiles.Get("omniglot/all_runs.zip"));
        Assert.Equal(20, runs.Count);
        Assert.All(runs, r =>
        {
            Assert.Equal(20, r.Training.Count);
            Assert.Equal(20, r.Test.Count);
            Assert.Equal(20, r.Answers.Length);
            Assert.All(r.Answers, a => Assert.InRange(a, 0, 19));
        });
        Assert.Equal("run01", runs[0].Name);
    }

    [DataFact("omniglot/images_background.zip", "omniglot/images_evaluation.zip")]
    public void OmniglotMetaSplitsAreDisjointByAlphabet()
    {
        var (train, validation, test) = Omniglot.Splits(5);
        Assert.Equal(964, train.Classes + validation.Classes);
        Assert.Equal(659, test.Classes);
        var alphabets = new[] { train, validation, test }.Select(s => s.ClassNames.Select(Omniglot.Alphabet).ToHashSet()).ToArray();
        Assert.Equal(5, alphabets[1].Count);
        Assert.Empty(alphabets[0].Intersect(alphabets[1]));
        Assert.Empty(alphabets[0].Intersect(alphabets[2]));
        Assert.Empty(alphabets[1].Intersect(alphabets[2]));
    }
}
