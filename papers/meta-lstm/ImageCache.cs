using System.Buffers.Binary;
using System.Text;
using Papers.Shared.Data;
using Papers.Shared.Results;

namespace Papers.MetaLstm;

/// <summary>
/// Decoded image sets kept on disk, so that the JPEGs and PNGs are decoded once: a file under the data download folder
/// (which git ignores) named by the recipe and the sha256 of every source file, written atomically. A changed source
/// file or recipe gives a new name, never a stale read.
/// </summary>
public static class ImageCache
{
    private const uint Magic = 0x4d4c5331;   // "MLS1"

    /// <summary>The set cached under <paramref name="recipe"/> for <paramref name="sources"/>, built by <paramref name="build"/> when absent.</summary>
    public static ImageSet Load(string recipe, IReadOnlyList<string> sources, Func<ImageSet> build)
    {
        var folder = DataRoot.DownloadFolder
            ?? throw new InvalidOperationException($"decoded images are cached in the data download folder, and there is none: run from the repository or set {DataRoot.EnvironmentVariable}");
        var path = Path.Combine(folder, "meta-lstm", $"{recipe}-{DataFiles.CacheKey(recipe, sources)}.bin");
        if (File.Exists(path)) return Read(path);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var set = build();
        AtomicFile.Write(path, stream => Write(stream, set));
        Console.WriteLine($"decoded {set.Count} images of {set.Classes} classes ({set.Name}) in {clock.Elapsed.TotalSeconds:F1} s; cached in {path}");
        return set;
    }

    public static void Write(Stream stream, ImageSet set)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(set.Name);
        writer.Write(set.Channels);
        writer.Write(set.Side);
        writer.Write(set.Classes);
        foreach (var (name, start) in set.ClassNames.Zip(set.ClassStart))
        {
            writer.Write(name);
            writer.Write(start);
        }
        writer.Write(set.Count);
        writer.Write(set.Pixels);
    }

    public static ImageSet Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("wrong magic number");
            var name = reader.ReadString();
            var (channels, side, classes) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            var names = new string[classes];
            var starts = new int[classes + 1];
            for (var c = 0; c < classes; c++) (names[c], starts[c]) = (reader.ReadString(), reader.ReadInt32());
            starts[classes] = reader.ReadInt32();
            var bytes = (long)starts[classes] * channels * side * side;
            var pixels = reader.ReadBytes(checked((int)bytes));
            if (pixels.Length != bytes || stream.Position != stream.Length) throw new InvalidDataException("truncated or overlong");
            return new ImageSet(name, channels, side, pixels, starts, names).Validated();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"{path} is not a complete image cache ({e.Message}): delete it and run again to rebuild it", e);
        }
    }

    /// <summary>Interleaved H×W×C bytes → channel-major C×H×W, as the learner's convolutions read them.</summary>
    public static void ToChannelMajor(ReadOnlySpan<byte> interleaved, int side, int channels, Span<byte> output)
    {
        for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
                for (var c = 0; c < channels; c++)
                    output[(c * side + y) * side + x] = interleaved[(y * side + x) * channels + c];
    }
}
