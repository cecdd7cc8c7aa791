using Papers.Shared.Data;
using Papers.Shared.Repro;

namespace Papers.MetaLstm;

/// <summary>
/// Mini-ImageNet with Ravi &amp; Larochelle's split (§4; data/miniImagenet/{train,val,test}.csv of the authors' code):
/// 64 meta-training, 16 meta-validation and 20 meta-test classes of 600 84×84 RGB images each (data README §3).
/// </summary>
public static class MiniImageNet
{
    public const int Side = 84;
    public const int Channels = 3;
    public const int ImagesPerClass = 600;

    public static readonly string[] Splits = ["train", "val", "test"];

    /// <summary>Classes per split, as the CSVs list them (§4: 64, 16, 20).</summary>
    public static readonly IReadOnlyDictionary<string, int> ClassCount = new Dictionary<string, int> { ["train"] = 64, ["val"] = 16, ["test"] = 20 };

    public static IEnumerable<Prerequisite> Prerequisites() =>
        Splits.SelectMany(s => new[] { Prerequisite.DataFile($"miniimagenet/{s}.zip"), Prerequisite.DataFile($"miniimagenet_splits/{s}.csv") });

    /// <summary>One split, decoded from its zip once and then read from the cache.</summary>
    public static ImageSet Load(string split)
    {
        if (!Splits.Contains(split)) throw new ArgumentException($"Mini-ImageNet has splits {string.Join(", ", Splits)}, not '{split}'");
        string[] sources = [DataFiles.Get($"miniimagenet/{split}.zip"), DataFiles.Get($"miniimagenet_splits/{split}.csv")];
        var set = ImageCache.Load($"miniimagenet-{split}-v1", sources, () => Decode($"Mini-ImageNet {split}", sources[0], ReadSplit(sources[1])));
        if (set.Classes != ClassCount[split] || Enumerable.Range(0, set.Classes).Any(c => set.ImagesOf(c) != ImagesPerClass))
            throw new InvalidDataException($"Mini-ImageNet {split}: expected {ClassCount[split]} classes of {ImagesPerClass} images, found {set.Classes} classes and {set.Count} images");
        return set;
    }

    /// <summary>A split CSV (header <c>filename,label</c>) as (class, its file names), classes in order of first appearance.</summary>
    public static IReadOnlyList<(string Wnid, List<string> Files)> ReadSplit(string csv)
    {
        var lines = File.ReadAllLines(csv);
        if (lines.Length == 0 || lines[0].Trim() != "filename,label") throw new InvalidDataException($"{csv}: the header is not 'filename,label'");
        var classes = new List<(string, List<string>)>();
        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (line, number) in lines.Skip(1).Select((l, i) => (l.Trim(), i + 2)).Where(l => l.Item1.Length > 0))
        {
            var fields = line.Split(',');
            if (fields.Length != 2 || fields[0].Length == 0 || fields[1].Length == 0)
                throw new InvalidDataException($"{csv}: line {number} is not 'filename,label': '{line}'");
            if (!byName.TryGetValue(fields[1], out var files))
            {
                byName[fields[1]] = files = [];
                classes.Add((fields[1], files));
            }
            files.Add(fields[0]);
        }
        return classes;
    }

    /// <summary>
    /// Decodes every listed image from <paramref name="zip"/> (entries <c>&lt;wnid&gt;/&lt;filename&gt;</c>) into a set of
    /// 84×84 RGB images, class by class; any other size is an error, as the images are the resized set already.
    /// </summary>
    public static ImageSet Decode(string name, string zip, IReadOnlyList<(string Wnid, List<string> Files)> classes)
    {
        using var archive = ImageArchive.Open(zip);
        const int bytes = Channels * Side * Side;
        var total = classes.Sum(c => c.Files.Count);
        var pixels = new byte[(long)total * bytes];
        var starts = new int[classes.Count + 1];
        var n = 0;
        for (var c = 0; c < classes.Count; c++)
        {
            foreach (var file in classes[c].Files)
            {
                var entry = $"{classes[c].Wnid}/{file}";
                var image = Jpeg.Decode(archive.ReadBytes(entry), $"{zip}!{entry}");
                if (image.Height != Side || image.Width != Side || image.Channels != Channels)
                    throw new InvalidDataException($"{zip}!{entry}: Mini-ImageNet images are {Side}×{Side} RGB, not {image.Height}×{image.Width}×{image.Channels}");
                ImageCache.ToChannelMajor(image.Pixels, Side, Channels, pixels.AsSpan(n * bytes, bytes));
                n++;
            }
            starts[c + 1] = n;
        }
        return new ImageSet(name, Channels, Side, pixels, starts, classes.Select(c => c.Wnid).ToArray()).Validated();
    }
}
