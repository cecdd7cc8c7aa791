using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.MetaLstm;

/// <summary>
/// The images of one meta-split (meta-train, meta-validation or meta-test), decoded once: <see cref="Count"/> images of
/// <see cref="Channels"/>×<see cref="Side"/>×<see cref="Side"/> bytes (channel-major, as the learner reads them), grouped
/// by class, class c holding images <c>ClassStart[c]</c> up to <c>ClassStart[c + 1]</c>.
/// </summary>
public sealed record ImageSet(string Name, int Channels, int Side, byte[] Pixels, int[] ClassStart, string[] ClassNames)
{
    public int Classes => ClassNames.Length;

    public int Count => ClassStart[^1];

    public int Bytes => Channels * Side * Side;

    public int ImagesOf(int c) => ClassStart[c + 1] - ClassStart[c];

    /// <summary>Checks that the offsets and the pixels agree; every loader ends with it.</summary>
    public ImageSet Validated()
    {
        if (ClassStart.Length != ClassNames.Length + 1 || ClassStart[0] != 0)
            throw new InvalidDataException($"{Name}: {ClassStart.Length} class offsets for {ClassNames.Length} classes");
        for (var c = 0; c < Classes; c++)
            if (ImagesOf(c) <= 0) throw new InvalidDataException($"{Name}: class {ClassNames[c]} has no images");
        if (Pixels.Length != (long)Count * Bytes)
            throw new InvalidDataException($"{Name}: {Pixels.Length} bytes for {Count} images of {Channels}×{Side}×{Side}");
        return this;
    }

    /// <summary>The images at <paramref name="indices"/> as floats in [0, 1] (dataset/miniImagenet.lua: MulConstant(1/255)).</summary>
    public Tensor Batch(IReadOnlyList<int> indices)
    {
        var bytes = new byte[indices.Count * Bytes];
        for (var n = 0; n < indices.Count; n++) Pixels.AsSpan(indices[n] * Bytes, Bytes).CopyTo(bytes.AsSpan(n * Bytes));
        using var raw = tensor(bytes, [indices.Count, Channels, Side, Side]);
        return raw.to(ScalarType.Float32) / 255.0;                                // [n, C, H, W]
    }

    /// <summary>The classes whose names pass <paramref name="keep"/>, in their order, as a set of their own.</summary>
    public ImageSet Where(string name, Func<string, bool> keep)
    {
        var kept = Enumerable.Range(0, Classes).Where(c => keep(ClassNames[c])).ToArray();
        var pixels = new byte[kept.Sum(ImagesOf) * Bytes];
        var starts = new int[kept.Length + 1];
        for (var k = 0; k < kept.Length; k++)
        {
            var c = kept[k];
            Pixels.AsSpan(ClassStart[c] * Bytes, ImagesOf(c) * Bytes).CopyTo(pixels.AsSpan(starts[k] * Bytes));
            starts[k + 1] = starts[k] + ImagesOf(c);
        }
        return new ImageSet(name, Channels, Side, pixels, starts, kept.Select(c => ClassNames[c]).ToArray()).Validated();
    }

    /// <summary>The first <paramref name="classes"/> classes as a set of their own (quick runs); all of them when that is not fewer.</summary>
    public ImageSet Take(int classes)
    {
        if (classes <= 0 || classes >= Classes) return this;
        var end = ClassStart[classes];
        return new ImageSet($"{Name} (first {classes} classes)", Channels, Side, Pixels.AsSpan(0, end * Bytes).ToArray(),
            ClassStart[..(classes + 1)], ClassNames[..classes]).Validated();
    }
}

/// <summary>
/// One N-way episode (§3.1, "dataset" D = (D_train, D_test)): the support set with K examples per class and the query
/// set with Q per class, labels 0..N−1 in the order the classes were drawn.
/// </summary>
public sealed class Episode(Tensor support, Tensor supportLabels, Tensor query, Tensor queryLabels, int[] classes, int[] supportIndices, int[] queryIndices) : IDisposable
{
    public Tensor Support { get; } = support.DetachFromDisposeScope();            // [N·K, C, H, W]
    public Tensor SupportLabels { get; } = supportLabels.DetachFromDisposeScope();   // [N·K]
    public Tensor Query { get; } = query.DetachFromDisposeScope();                // [N·Q, C, H, W]
    public Tensor QueryLabels { get; } = queryLabels.DetachFromDisposeScope();    // [N·Q]

    /// <summary>The drawn classes of the image set, in label order.</summary>
    public int[] Classes { get; } = classes;

    /// <summary>Image indices of the set, for the figures and the separation tests.</summary>
    public int[] SupportIndices { get; } = supportIndices;

    public int[] QueryIndices { get; } = queryIndices;

    public void Dispose()
    {
        Support.Dispose();
        SupportLabels.Dispose();
        Query.Dispose();
        QueryLabels.Dispose();
    }
}

/// <summary>
/// Draws episodes from one image set (dataset/data-loader.lua, episodeSamplerKind 'permutation'): N classes without
/// replacement, then K + Q images of each without replacement, the first K the support examples. The support set is
/// shuffled (Dataset{shuffle=true}); the authors' loader then keeps the first K of each class (util.extractK).
/// </summary>
public sealed class EpisodeSampler(ImageSet images, int ways, int shots, int queries)
{
    public ImageSet Images { get; } = images.Classes >= ways ? images
        : throw new ArgumentException($"{images.Name}: {images.Classes} classes, fewer than the episode's {ways} ways");

    public int Ways { get; } = ways;

    public int Shots { get; } = shots;

    public int Queries { get; } = queries;

    public Episode Next(Generator generator)
    {
        using var scope = NewDisposeScope();
        var classes = Draw(Images.Classes, Ways, generator);
        var support = new List<int>();
        var query = new List<int>();
        var supportLabels = new List<long>();
        var queryLabels = new List<long>();
        for (var label = 0; label < Ways; label++)
        {
            var c = classes[label];
            if (Images.ImagesOf(c) < Shots + Queries)
                throw new InvalidDataException($"{Images.Name}: class {Images.ClassNames[c]} has {Images.ImagesOf(c)} images, fewer than {Shots} + {Queries}");
            var picked = Draw(Images.ImagesOf(c), Shots + Queries, generator).Select(i => Images.ClassStart[c] + i).ToArray();
            support.AddRange(picked[..Shots]);
            supportLabels.AddRange(Enumerable.Repeat((long)label, Shots));
            query.AddRange(picked[Shots..]);
            queryLabels.AddRange(Enumerable.Repeat((long)label, Queries));
        }
        var order = Draw(support.Count, support.Count, generator);
        var shuffled = order.Select(i => support[i]).ToArray();
        var shuffledLabels = order.Select(i => supportLabels[i]).ToArray();
        return new Episode(Images.Batch(shuffled), tensor(shuffledLabels), Images.Batch(query), tensor(queryLabels.ToArray()),
            classes, shuffled, query.ToArray());
    }

    /// <summary>
    /// The query accuracy (%) of <paramref name="predict"/>'s labels [N·Q] on each of <paramref name="episodes"/> episodes
    /// drawn with <paramref name="seed"/> (the same episodes for every method and every validation), without gradients.
    /// </summary>
    public List<double> Accuracies(int episodes, ulong seed, Func<Episode, Tensor> predict)
    {
        using var generator = new Generator(seed);
        using var noGrad = no_grad();
        var accuracies = new List<double>();
        for (var e = 0; e < episodes; e++)
        {
            using var scope = NewDisposeScope();
            using var episode = Next(generator);
            var predicted = predict(episode);                                      // [N·Q]
            accuracies.Add(100.0 * predicted.eq(episode.QueryLabels).sum().ToInt64() / episode.QueryLabels.shape[0]);
        }
        return accuracies;
    }

    // The first k of a random permutation of 0..n−1.
    private static int[] Draw(int n, int k, Generator generator)
    {
        using var permutation = randperm(n, generator: generator);
        return permutation.data<long>().Take(k).Select(i => (int)i).ToArray();
    }
}

/// <summary>The meta-train, meta-validation and meta-test image sets of a dataset; their classes never overlap.</summary>
public sealed record MetaSplits(ImageSet Train, ImageSet Validation, ImageSet Test)
{
    public static IEnumerable<Papers.Shared.Repro.Prerequisite> Prerequisites(MetaLstmConfig config) =>
        config.Datasets.SelectMany(d => d == DatasetNames.MiniImageNet ? MiniImageNet.Prerequisites() : Omniglot.Prerequisites());

    public static MetaSplits Load(MetaLstmConfig config)
    {
        var (train, validation, test) = config.Dataset == DatasetNames.MiniImageNet
            ? (MiniImageNet.Load("train"), MiniImageNet.Load("val"), MiniImageNet.Load("test"))
            : Omniglot.Splits(config.OmniglotValidationAlphabets);
        var splits = new MetaSplits(train.Take(config.TrainClasses), validation, test);
        splits.CheckDisjoint();
        return splits;
    }

    /// <summary>Fails when a class name appears in two splits.</summary>
    public void CheckDisjoint()
    {
        ImageSet[] sets = [Train, Validation, Test];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var set in sets)
            foreach (var name in set.ClassNames)
                if (!seen.TryAdd(name, set.Name)) throw new InvalidDataException($"class {name} is in both {seen[name]} and {set.Name}");
    }
}
