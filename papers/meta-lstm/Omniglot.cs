using Papers.Shared.Data;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm;

/// <summary>
/// Omniglot (Lake et al. 2015; data README §3): 105×105 1-bit drawings, one class per character, reduced to 28×28
/// as the few-shot literature does (Vinyals et al. 2016; Finn et al. 2017). Background alphabets are meta-training
/// (the last <c>--omniglot-validation-alphabets</c> of them, in name order, meta-validation); evaluation alphabets
/// meta-testing. Ravi &amp; Larochelle report Mini-ImageNet only: the Omniglot rows are ours.
/// </summary>
public static class Omniglot
{
    public const int Side = 28;
    public const int SourceSide = 105;
    public const string Background = "omniglot/images_background.zip";
    public const string Evaluation = "omniglot/images_evaluation.zip";
    public const string Runs = "omniglot/all_runs.zip";

    /// <summary>Ways of the official one-shot runs: a meta-learner tested on them is meta-trained with --ways 20.</summary>
    public const int OfficialWays = 20;

    public static IEnumerable<Prerequisite> Prerequisites() => new[] { Background, Evaluation, Runs }.Select(f => Prerequisite.DataFile(f));

    /// <summary>Every character of a catalogued Omniglot zip, decoded once and then read from the cache.</summary>
    public static ImageSet Load(string file)
    {
        var path = DataFiles.Get(file);
        return ImageCache.Load($"{Path.GetFileNameWithoutExtension(file)}-{Side}-v1", [path], () => Decode(file, path));
    }

    /// <summary>The meta-train, meta-validation and meta-test sets: background alphabets split by alphabet, evaluation alphabets.</summary>
    public static (ImageSet Train, ImageSet Validation, ImageSet Test) Splits(int validationAlphabets)
    {
        var background = Load(Background);
        var alphabets = background.ClassNames.Select(Alphabet).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (validationAlphabets < 1 || validationAlphabets >= alphabets.Length)
            throw new ArgumentException($"--omniglot-validation-alphabets must be in [1, {alphabets.Length}), not {validationAlphabets}");
        var validation = alphabets[^validationAlphabets..].ToHashSet();
        return (background.Where("Omniglot background (meta-train alphabets)", c => !validation.Contains(Alphabet(c))),
            background.Where("Omniglot background (meta-validation alphabets)", c => validation.Contains(Alphabet(c))),
            Load(Evaluation));
    }

    /// <summary>A class name is <c>Alphabet/characterNN</c>.</summary>
    public static string Alphabet(string className) => className[..className.IndexOf('/')];

    /// <summary>
    /// The PNGs of <paramref name="path"/> (<c>root/Alphabet/characterNN/id_drawer.png</c>, any root folder), one class
    /// per character in name order, each image reduced to 28×28.
    /// </summary>
    public static ImageSet Decode(string name, string path)
    {
        using var archive = ImageArchive.Open(path);
        var byClass = archive.PngEntries.Select(e => (Entry: e, Parts: e.Split('/'))).Where(e => e.Parts.Length >= 3)
            .GroupBy(e => $"{e.Parts[^3]}/{e.Parts[^2]}").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (byClass.Count == 0) throw new InvalidDataException($"{path}: no Alphabet/characterNN/*.png entries");
        const int bytes = Side * Side;
        var pixels = new byte[byClass.Sum(g => g.Count()) * bytes];
        var starts = new int[byClass.Count + 1];
        var n = 0;
        for (var c = 0; c < byClass.Count; c++)
        {
            foreach (var (entry, _) in byClass[c].OrderBy(e => e.Entry, StringComparer.Ordinal))
                Reduce(archive.ReadPng(entry), $"{path}!{entry}", pixels.AsSpan(n++ * bytes, bytes));
            starts[c + 1] = n;
        }
        return new ImageSet(name, 1, Side, pixels, starts, byClass.Select(g => g.Key).ToArray()).Validated();
    }

    /// <summary>
    /// Area averaging, 105 → 28: each output pixel is the mean of the 3.75 × 3.75 source pixels it covers, partial pixels
    /// weighted by the fraction covered (white background 255, strokes 0, as in the files).
    /// </summary>
    public static void Reduce(Image image, string source, Span<byte> output)
    {
        if (image.Height != SourceSide || image.Width != SourceSide || image.Channels != 1)
            throw new InvalidDataException($"{source}: Omniglot images are {SourceSide}×{SourceSide} grayscale, not {image.Height}×{image.Width}×{image.Channels}");
        const double scale = (double)SourceSide / Side;
        var rows = new double[Side * SourceSide];               // the vertical pass: [28, 105]
        for (var y = 0; y < Side; y++)
            for (var x = 0; x < SourceSide; x++)
                rows[y * SourceSide + x] = Average(y * scale, scale, k => image[k, x, 0]);
        for (var y = 0; y < Side; y++)
            for (var x = 0; x < Side; x++)
                output[y * Side + x] = (byte)Math.Round(Average(x * scale, scale, k => rows[y * SourceSide + k]));
    }

    // The mean of value over [start, start + length), pixel k covering [k, k + 1).
    private static double Average(double start, double length, Func<int, double> value)
    {
        var (sum, end) = (0.0, start + length);
        for (var k = (int)Math.Floor(start); k < Math.Min(Math.Ceiling(end), SourceSide); k++)
            sum += value(k) * (Math.Min(k + 1, end) - Math.Max(k, start));
        return sum / length;
    }

    /// <summary>One of the 20 official 20-way one-shot runs (Lake et al. 2015): a drawing of each class and 20 test drawings.</summary>
    public sealed record OneShotRun(string Name, ImageSet Training, ImageSet Test, int[] Answers);

    /// <summary>
    /// <c>all_runs.zip</c>: <c>runNN/training/classNN.png</c>, <c>runNN/test/itemNN.png</c>, and class_labels.txt lines
    /// <c>runNN/test/itemXX.png runNN/training/classYY.png</c> giving each test item's class.
    /// </summary>
    public static IReadOnlyList<OneShotRun> LoadRuns(string path)
    {
        using var archive = ImageArchive.Open(path);
        var runs = archive.Entries.Where(e => e.EndsWith("/class_labels.txt", StringComparison.Ordinal)).ToList();
        if (runs.Count == 0) throw new InvalidDataException($"{path}: no runNN/class_labels.txt");
        return runs.Select(labels =>
        {
            var run = labels[..labels.IndexOf('/')];
            var pairs = archive.ReadText(labels).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (pairs.Any(p => p.Length != 2)) throw new InvalidDataException($"{path}!{labels}: a line is not 'test/itemXX.png training/classYY.png'");
            var classes = archive.PngEntries.Where(e => e.StartsWith($"{run}/training/", StringComparison.Ordinal)).ToArray();
            var items = pairs.Select(p => p[0]).ToArray();
            var answers = pairs.Select(p => Array.IndexOf(classes, p[1])).ToArray();
            if (answers.Any(a => a < 0)) throw new InvalidDataException($"{path}!{labels}: names a training image that is not in {run}/training/");
            return new OneShotRun(run, Images($"{run} training", archive, classes), Images($"{run} test", archive, items), answers);
        }).ToList();
    }

    // Each entry an image (and a class) of its own.
    private static ImageSet Images(string name, ImageArchive archive, string[] entries)
    {
        var pixels = new byte[entries.Length * Side * Side];
        for (var n = 0; n < entries.Length; n++) Reduce(archive.ReadPng(entries[n]), $"{archive.Path}!{entries[n]}", pixels.AsSpan(n * Side * Side, Side * Side));
        return new ImageSet(name, 1, Side, pixels, Enumerable.Range(0, entries.Length + 1).ToArray(), entries).Validated();
    }

    /// <summary>The images of a run as one batch [20, 1, 28, 28] in [0, 1].</summary>
    public static Tensor All(ImageSet images) => images.Batch(Enumerable.Range(0, images.Count).ToArray());
}
