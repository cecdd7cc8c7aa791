using System.Buffers.Binary;
using Papers.Shared.Data;
using Papers.Shared.Results;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT;

/// <summary>MNIST-M images, 28×28×3 bytes each (row-major, channels interleaved), with the MNIST labels.</summary>
public sealed record MnistMImages(int Count, byte[] Pixels, byte[] Labels)
{
    public const int Side = 28;
    public const int Bytes = Side * Side * 3;
}

/// <summary>
/// MNIST-M by the standard recipe (Ganin &amp; Lempitsky 2015; the widely copied create_mnistm script; data README §4):
/// each MNIST digit d (bytes 0–255, replicated to 3 channels) is blended with a 28×28 crop of a BSDS500 training image,
/// out = |crop − d| per channel. Train comes from MNIST train, test from MNIST test.
/// Randomness: a <c>torch.Generator</c> seeded 2·seed (train) or 2·seed + 1 (test) draws, for the whole split,
/// <c>randint(200, [N])</c> (the background of each digit) and then <c>rand([N, 2])</c> (u, v); the crop's top-left
/// corner is (⌊u · (H − 28)⌋, ⌊v · (W − 28)⌋) of that H×W image, so that, as numpy's randint(0, H − 28), the last
/// row and column are never a corner.
/// </summary>
public static class MnistM
{
    /// <summary>Bumped when the recipe changes, so that old caches are not read.</summary>
    public const int RecipeVersion = 1;

    private const uint CacheMagic = 0x4d4e4d31;   // "MNM1"

    /// <summary>The recipe on given digits and backgrounds: deterministic for <paramref name="seed"/>.</summary>
    public static byte[] Blend(IdxImages digits, IReadOnlyList<Image> backgrounds, ulong seed)
    {
        if (digits.Rows != MnistMImages.Side || digits.Columns != MnistMImages.Side)
            throw new ArgumentException($"MNIST-M blends 28×28 digits, not {digits.Rows}×{digits.Columns}");
        if (backgrounds.Count == 0) throw new ArgumentException("MNIST-M needs at least one background image");
        foreach (var b in backgrounds)
            if (b.Channels != 3 || b.Height <= MnistMImages.Side || b.Width <= MnistMImages.Side)
                throw new ArgumentException($"a background must be RGB and larger than 28×28, not {b.Height}×{b.Width}×{b.Channels}");
        using var generator = new Generator(seed);
        using var pick = randint(backgrounds.Count, [digits.Count], generator: generator);
        using var offsets = rand([digits.Count, 2], dtype: ScalarType.Float64, generator: generator);
        var (which, uv) = (pick.data<long>(), offsets.data<double>());
        var output = new byte[digits.Count * MnistMImages.Bytes];
        const int side = MnistMImages.Side;
        for (var n = 0; n < digits.Count; n++)
        {
            var background = backgrounds[(int)which[n]];
            var top = (int)(uv[2 * n] * (background.Height - side));
            var left = (int)(uv[2 * n + 1] * (background.Width - side));
            for (var y = 0; y < side; y++)
                for (var x = 0; x < side; x++)
                {
                    var digit = digits.Pixels[(n * side + y) * side + x];
                    for (var c = 0; c < 3; c++)
                        output[n * MnistMImages.Bytes + (y * side + x) * 3 + c] = (byte)Math.Abs(background[top + y, left + x, c] - digit);
                }
        }
        return output;
    }

    /// <summary>
    /// The train and test splits for <paramref name="seed"/>, read from the cache when it was written from these very
    /// files, else generated and cached (atomically, under the data download folder, which git ignores).
    /// </summary>
    public static (MnistMImages Train, MnistMImages Test) Load(int seed)
    {
        var sources = new[] { "mnist/train-images-idx3-ubyte.gz", "mnist/train-labels-idx1-ubyte.gz", "mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz" }
            .Concat(BackgroundFiles).Select(DataFiles.Get).ToArray();
        var folder = DataRoot.DownloadFolder
            ?? throw new InvalidOperationException($"MNIST-M is cached in the data download folder, and there is none: run from the repository or set {DataRoot.EnvironmentVariable}");
        var key = DataFiles.CacheKey($"mnistm-recipe-{RecipeVersion}", sources);   // DataFiles.Get hashed each source when it checked it
        var cache = Path.Combine(folder, "mnistm", $"mnistm-seed{seed}-{key}.bin");
        var trainLabels = Idx.LoadLabels(sources[1]);
        var testLabels = Idx.LoadLabels(sources[3]);
        if (File.Exists(cache))
        {
            var (train, test) = ReadCache(cache, trainLabels.Length, testLabels.Length);
            return (new MnistMImages(trainLabels.Length, train, trainLabels), new MnistMImages(testLabels.Length, test, testLabels));
        }
        Console.WriteLine($"generating MNIST-M (seed {seed}) from MNIST and {BackgroundFiles.Count} BSDS500 images into {cache}");
        var backgrounds = sources.Skip(4).Select(Jpeg.Load).ToList();
        var trainPixels = Blend(Idx.LoadImages(sources[0]), backgrounds, 2 * (ulong)seed);
        var testPixels = Blend(Idx.LoadImages(sources[2]), backgrounds, 2 * (ulong)seed + 1);
        AtomicFile.Write(cache, stream =>
        {
            Span<byte> header = stackalloc byte[12];
            BinaryPrimitives.WriteUInt32LittleEndian(header, CacheMagic);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], trainLabels.Length);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], testLabels.Length);
            stream.Write(header);
            stream.Write(trainPixels);
            stream.Write(testPixels);
        });
        return (new MnistMImages(trainLabels.Length, trainPixels, trainLabels), new MnistMImages(testLabels.Length, testPixels, testLabels));
    }

    /// <summary>
    /// The official MNIST-M of Ganin &amp; Lempitsky (mnist_m.tar.gz, unpacked): <c>mnist_m_{split}/NNNNNNNN.png</c>
    /// (28×28 RGB) listed with their labels in <c>mnist_m_{split}_labels.txt</c>, one <c>name label</c> a line, in
    /// <paramref name="folder"/>. <paramref name="split"/> is train or test.
    /// </summary>
    public static MnistMImages LoadOfficial(string folder, string split)
    {
        var list = Path.Combine(folder, $"mnist_m_{split}_labels.txt");
        if (!File.Exists(list)) throw new FileNotFoundException($"needs data: {list} is missing; unpack the official mnist_m.tar.gz there", list);
        var lines = File.ReadAllLines(list).Where(l => l.Length > 0).ToArray();
        var pixels = new byte[lines.Length * MnistMImages.Bytes];
        var labels = new byte[lines.Length];
        for (var n = 0; n < lines.Length; n++)
        {
            var fields = lines[n].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2 || !byte.TryParse(fields[1], out labels[n]) || labels[n] > 9)
                throw new InvalidDataException($"{list}: line {n + 1} is not 'name label' with a label 0-9: '{lines[n]}'");
            var image = Png.Load(Path.Combine(folder, $"mnist_m_{split}", fields[0]));
            if (image.Height != MnistMImages.Side || image.Width != MnistMImages.Side || image.Channels != 3)
                throw new InvalidDataException($"{fields[0]}: MNIST-M images are 28×28 RGB, not {image.Height}×{image.Width}×{image.Channels}");
            image.Pixels.CopyTo(pixels, n * MnistMImages.Bytes);
        }
        return new MnistMImages(lines.Length, pixels, labels);
    }

    /// <summary>The catalogued BSDS500 training images, in name order.</summary>
    public static IReadOnlyList<string> BackgroundFiles { get; } =
        DataCatalog.Files.Select(f => f.Path).Where(p => p.StartsWith("bsds500/train/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    private static (byte[] Train, byte[] Test) ReadCache(string path, int trainCount, int testCount)
    {
        var bytes = File.ReadAllBytes(path);
        var expected = 12L + (long)(trainCount + testCount) * MnistMImages.Bytes;
        if (bytes.Length != expected || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != CacheMagic
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)) != trainCount || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)) != testCount)
            throw new InvalidDataException($"{path} is not a complete MNIST-M cache of {trainCount} + {testCount} images: delete it and run again to regenerate it");
        var trainBytes = trainCount * MnistMImages.Bytes;
        return (bytes.AsSpan(12, trainBytes).ToArray(), bytes.AsSpan(12 + trainBytes).ToArray());
    }
}
