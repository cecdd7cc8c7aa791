using System.Text;
using Papers.Shared.Results;

namespace Papers.Hnn;

/// <summary>
/// Trains a Poincaré embedding of a closure until its loss stops falling (Table 2's "pre-trained Poincaré
/// embeddings"): burn-in epochs at a tenth of the learning rate, then epochs at the full rate until the best loss of
/// the last <c>patience</c> epochs is less than <c>tolerance</c> (relative) below the best before them, or the epoch
/// limit. Each epoch draws its order and negatives from its own generator (seeded by dimension and epoch), and the
/// state is saved atomically after every epoch, so a killed run continued with --resume ends with the same points, bit
/// for bit, as one that was never stopped.
/// </summary>
public static class EmbeddingTraining
{
    /// <summary>The trained embedding, its epochs (resumed ones included) and whether the loss stopped falling before the limit.</summary>
    public sealed record Result(PoincareEmbedding Embedding, IReadOnlyList<EmbeddingEpoch> Epochs, bool Converged);

    /// <param name="checkpoint">The file saved after every epoch and, with <see cref="HnnConfig.Resume"/>, continued from; null keeps nothing.</param>
    public static Result Train(HnnConfig config, int nodes, (int Child, int Ancestor)[] edges, Neighbours linked, int dimension, string? checkpoint)
    {
        var embedding = new PoincareEmbedding(nodes, dimension, new Random(dimension));
        var epochs = new List<EmbeddingEpoch>();
        if (config.Resume && checkpoint is not null && File.Exists(checkpoint))
        {
            epochs.AddRange(Load(checkpoint, embedding));
            Console.WriteLine($"  Poincaré embedding d={dimension}: resuming after epoch {epochs.Count} ({checkpoint})");
        }
        bool Converged() => LossPlateau.Reached(epochs.ConvertAll(e => e.Loss), config.EmbeddingBurnIn, config.EmbeddingPatience, config.EmbeddingTolerance);
        while (epochs.Count < config.EmbeddingEpochs && !Converged())
        {
            var epoch = epochs.Count;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var lr = epoch < config.EmbeddingBurnIn ? config.EmbeddingLearningRate / 10 : config.EmbeddingLearningRate;
            var loss = embedding.Epoch(edges, linked, config.EmbeddingNegatives, lr, new Random(EpochSeed(dimension, epoch)));
            epochs.Add(new EmbeddingEpoch(dimension, epoch, lr, loss, clock.Elapsed.TotalSeconds));
            if (checkpoint is not null) Save(checkpoint, embedding, epochs);
            if (epoch % 10 == 0) Console.WriteLine($"  Poincaré embedding d={dimension} epoch {epoch}: loss {loss:F4} ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        var converged = Converged();
        Console.WriteLine($"  Poincaré embedding d={dimension}: loss {epochs[^1].Loss:F4} after {epochs.Count} epochs, " +
                          (converged ? $"no longer falling ({config.EmbeddingPatience} epochs gained less than {config.EmbeddingTolerance:P1})" : "stopped at the epoch limit"));
        return new Result(embedding, epochs, converged);
    }

    /// <summary>The generator of epoch <paramref name="epoch"/> in dimension <paramref name="dimension"/>.</summary>
    public static int EpochSeed(int dimension, int epoch) => checked(1_000_000 * dimension + epoch);

    private const string Format = "papers-poincare-embedding/1";

    /// <summary>Writes the points and the finished epochs atomically.</summary>
    public static void Save(string path, PoincareEmbedding embedding, IReadOnlyList<EmbeddingEpoch> epochs) => AtomicFile.Write(path, stream =>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Format);
        writer.Write(embedding.Nodes);
        writer.Write(embedding.Dimension);
        writer.Write(epochs.Count);
        foreach (var e in epochs)
        {
            writer.Write(e.LearningRate);
            writer.Write(e.Loss);
            writer.Write(e.Seconds);
        }
        foreach (var x in embedding.Points) writer.Write(x);
    });

    /// <summary>Restores the points <see cref="Save"/> wrote into <paramref name="embedding"/> and returns the epochs; a file of another embedding throws.</summary>
    public static List<EmbeddingEpoch> Load(string path, PoincareEmbedding embedding)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        try
        {
            var format = reader.ReadString();
            if (format != Format) throw new InvalidDataException($"{path} is not a Poincaré embedding checkpoint ({Format}): it starts '{format}'");
            var (nodes, dimension, count) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            if (nodes != embedding.Nodes || dimension != embedding.Dimension)
                throw new InvalidDataException($"{path} holds {nodes} points in dimension {dimension}, not {embedding.Nodes} in dimension {embedding.Dimension}");
            var epochs = new List<EmbeddingEpoch>(count);
            for (var i = 0; i < count; i++) epochs.Add(new EmbeddingEpoch(dimension, i, reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
            var points = new double[embedding.Points.Length];
            for (var i = 0; i < points.Length; i++) points[i] = reader.ReadDouble();
            if (reader.BaseStream.Position != reader.BaseStream.Length) throw new InvalidDataException($"{path} has bytes after its last point");
            points.CopyTo(embedding.Points, 0);
            return epochs;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path} ends before its last point", e);
        }
    }
}

/// <summary>The stopping rule of Table 2's trainings: when a loss has stopped falling.</summary>
public static class LossPlateau
{
    /// <summary>
    /// Whether the loss has stopped falling: at least <paramref name="patience"/> + 1 epochs after the burn-in, and the
    /// best of the last <paramref name="patience"/> is no more than <paramref name="tolerance"/> (relative) below the
    /// best of the post-burn-in epochs before them.
    /// </summary>
    public static bool Reached(IReadOnlyList<double> losses, int burnIn, int patience, double tolerance)
    {
        var after = losses.Skip(burnIn).ToArray();
        if (after.Length <= patience) return false;
        var before = after[..^patience].Min();
        return after[^patience..].Min() > (1 - tolerance) * before;
    }
}
