using Papers.Shared.Data;
using Papers.Shared.Repro;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.DirtT;

/// <summary>
/// A split of a digit domain at 32×32, stored compactly: [N, 1, 32, 32] grey or [N, 3, 32, 32] colour, as float32 in
/// [0, 1] or as bytes 0–255. <see cref="Batch"/> gives what the network reads: float32 [B, 3, 32, 32] in [−1, 1],
/// grey replicated to 3 channels (the authors' u2t and s2t).
/// </summary>
public sealed class Digits : IDomainData
{
    public const int Side = 32;

    private readonly Tensor _images;

    public Digits(string name, Tensor images, Tensor labels)
    {
        if (images.dim() != 4 || images.shape[1] is not (1 or 3) || images.shape[2] != Side || images.shape[3] != Side)
            throw new ArgumentException($"{name}: images must be [N, 1 or 3, 32, 32], not [{string.Join(", ", images.shape)}]");
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"{name}: {labels.numel()} labels for {images.shape[0]} images");
        if (images.dtype is not (ScalarType.Byte or ScalarType.Float32)) throw new ArgumentException($"{name}: images are bytes or float32, not {images.dtype}");
        (Name, _images, Labels) = (name, images, labels);
    }

    public string Name { get; }

    /// <summary>Class labels 0–9, int64 [N].</summary>
    public Tensor Labels { get; }

    public long Count => Labels.shape[0];

    /// <summary>Images <paramref name="rows"/> (int64 [B]) as float32 [B, 3, 32, 32] in [−1, 1].</summary>
    public Tensor Batch(Tensor rows)
    {
        using var scope = NewDisposeScope();
        var picked = _images.index_select(0, rows);                                // [B, 1 or 3, 32, 32]
        var unit = picked.dtype == ScalarType.Byte ? picked.to(ScalarType.Float32) / 255.0 : picked;
        return (unit * 2 - 1).expand(-1, 3, -1, -1).contiguous().MoveToOuterDisposeScope();   // [B, 3, 32, 32]
    }

    /// <summary>The first <paramref name="count"/> images (all when 0 or more than there are).</summary>
    public Digits Take(int count) =>
        count <= 0 || count >= Count ? new Digits(Name, _images.alias(), Labels.alias())
            : new Digits(Name, _images.narrow(0, 0, count), Labels.narrow(0, 0, count));

    public void Dispose()
    {
        _images.Dispose();
        Labels.Dispose();
    }
}

/// <summary>Labelled examples of one domain's split, read a batch at a time.</summary>
public interface IDomainData : IDisposable
{
    long Count { get; }

    /// <summary>Class labels, int64 [N].</summary>
    Tensor Labels { get; }

    /// <summary>The network's input for examples <paramref name="rows"/> (int64 [B]).</summary>
    Tensor Batch(Tensor rows);
}

/// <summary>The digit domains and how each is read.</summary>
public static class Domains
{
    public const string Mnist = "mnist";
    public const string MnistM = "mnistm";
    public const string Usps = "usps";
    public const string Svhn = "svhn";
    public const string MnistMOfficial = "mnistm-official";

    public static readonly string[] Sources = [Mnist, Usps, Svhn];
    public static readonly string[] Targets = [MnistM, MnistMOfficial, Mnist, Usps, Svhn];

    /// <summary>Train and test splits of <paramref name="name"/>; MNIST-M is generated with <paramref name="mnistMSeed"/>.</summary>
    public static (Digits Train, Digits Test) Load(string name, int mnistMSeed) => name switch
    {
        Mnist => (MnistSplit("train"), MnistSplit("t10k")),
        MnistM => MnistMSplits(mnistMSeed),
        Usps => (UspsSplit("train"), UspsSplit("test")),
        Svhn => (SvhnSplit(SvhnFile("train")), SvhnSplit(SvhnFile("test"))),
        MnistMOfficial => (Colour32(DirtT.MnistM.LoadOfficial(OfficialMnistMFolder(), "train")), Colour32(DirtT.MnistM.LoadOfficial(OfficialMnistMFolder(), "test"))),
        _ => throw new ArgumentException($"unknown domain '{name}' (known: {string.Join(", ", Targets)})"),
    };

    /// <summary>
    /// MNIST as the authors' download_mnist.py makes mnist32_*.mat: each 28×28 digit scaled to [0, 1] and resized to
    /// 32×32 by scikit-image (bilinear, mirrored edges), one grey channel replicated on use.
    /// </summary>
    public static Digits MnistSplit(string prefix)
    {
        var (images, labels) = Digits32.Mnist(prefix);
        return new Digits(Mnist, images, labels);
    }

    /// <summary>USPS (16×16, values in [−1, 1]) mapped to [0, 1] and resized to 32×32 as MNIST is; not in the paper.</summary>
    public static Digits UspsSplit(string split)
    {
        var (images, labels) = Digits32.Usps(split);
        return new Digits(Usps, images, labels);
    }

    /// <summary>
    /// SVHN's cropped digits as the authors' Svhn.change_format reads them: X uint8 [32, 32, 3, N] → [N, 3, 32, 32],
    /// y with 10 standing for the digit 0.
    /// </summary>
    public static Digits SvhnSplit(IReadOnlyDictionary<string, NdArray> mat)
    {
        if (!mat.TryGetValue("X", out var x) || !mat.TryGetValue("y", out var y))
            throw new InvalidDataException($"an SVHN .mat file holds X and y, not {string.Join(", ", mat.Keys)}");
        if (x.DType != "uint8" || x.Shape is not [32, 32, 3, var n] || y.Count != n)
            throw new InvalidDataException($"SVHN's X is uint8 [32, 32, 3, N] with N labels, not {x} with {y.Count}");
        var labels = y.DType == "float64" ? y.As<double>().Select(v => (byte)(v == 10 ? 0 : v)).ToArray() : throw new InvalidDataException($"SVHN's y is double, not {y.DType}");
        using var hwcn = x.ToTensor();                                             // [32, 32, 3, N]
        return new Digits(Svhn, hwcn.permute(3, 2, 0, 1).contiguous(), Digits32.LabelTensor(labels));   // [N, 3, 32, 32]
    }

    private static IReadOnlyDictionary<string, NdArray> SvhnFile(string split) =>
        Mat5.Load(DataFiles.Find(SvhnPath(split)) ?? throw new FileNotFoundException(SvhnMissing(split)));

    private static string SvhnPath(string split) => $"svhn/{split}_32x32.mat";

    private static string SvhnMissing(string split) =>
        $"needs data: {SvhnPath(split)} is in none of the data folders ({string.Join(", ", DataRoot.SearchFolders)}); download " +
        $"{split}_32x32.mat from http://ufldl.stanford.edu/housenumbers/ into svhn/ of one of them";

    /// <summary>MNIST-M as the authors' Mnistm.resize_cast reads it: 28×28×3 bytes resized to 32×32 by Pillow's bilinear.</summary>
    public static (Digits Train, Digits Test) MnistMSplits(int seed)
    {
        var (train, test) = DirtT.MnistM.Load(seed);
        return (Colour32(train), Colour32(test));
    }

    private const string OfficialMnistMList = "mnist_m/mnist_m_train_labels.txt";

    private static string OfficialMnistMFolder() =>
        Path.GetDirectoryName(DataFiles.Find(OfficialMnistMList) ?? throw new FileNotFoundException(OfficialMnistMMissing()))!;

    private static string OfficialMnistMMissing() =>
        $"needs data: {OfficialMnistMList} is in none of the data folders ({string.Join(", ", DataRoot.SearchFolders)}); unpack the " +
        "official mnist_m.tar.gz (Ganin & Lempitsky, the DANN project page) into one of them";

    /// <summary>
    /// The data files the domains <paramref name="names"/> read, checked before the first step: MNIST's four files,
    /// MNIST-M's sources (MNIST and the BSDS500 backgrounds), USPS's two, and SVHN's and the official MNIST-M's,
    /// which no catalogue entry can fetch.
    /// </summary>
    public static IEnumerable<Prerequisite> Prerequisites(IEnumerable<string> names) => names.Distinct().SelectMany(name => name switch
    {
        Mnist => Digits32.MnistFiles.Select(path => Prerequisite.DataFile(path)),
        MnistM => Digits32.MnistFiles.Concat(DirtT.MnistM.BackgroundFiles).Select(path => Prerequisite.DataFile(path)),
        Usps => Digits32.UspsFiles.Select(path => Prerequisite.DataFile(path)),
        Svhn => new[] { "train", "test" }.Select(split => new Prerequisite(SvhnPath(split), () => DataFiles.Find(SvhnPath(split)) is null ? SvhnMissing(split) : null)),
        MnistMOfficial => new[] { new Prerequisite(OfficialMnistMList, () => DataFiles.Find(OfficialMnistMList) is null ? OfficialMnistMMissing() : null) },
        _ => throw new ArgumentException($"unknown domain '{name}' (known: {string.Join(", ", Targets)})"),
    });

    /// <summary>28×28×3 bytes resized to 32×32 by Pillow's bilinear, as the authors' Mnistm.resize_cast.</summary>
    public static Digits Colour32(MnistMImages images)
    {
        const int side = MnistMImages.Side, outBytes = Digits.Side * Digits.Side * 3;
        var pixels = new byte[images.Count * outBytes];
        Parallel.For(0, images.Count, n =>
        {
            var resized = Resize.PillowBilinear(images.Pixels.AsSpan(n * MnistMImages.Bytes, MnistMImages.Bytes), side, side, 3, Digits.Side, Digits.Side);
            resized.CopyTo(pixels, n * outBytes);
        });
        using var hwc = tensor(pixels, [images.Count, Digits.Side, Digits.Side, 3]);
        return new Digits(MnistM, hwc.permute(0, 3, 1, 2).contiguous(), Digits32.LabelTensor(images.Labels));   // [N, 3, 32, 32]
    }
}

