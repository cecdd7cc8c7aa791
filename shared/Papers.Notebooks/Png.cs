using System.Buffers.Binary;

namespace Papers.Notebooks;

/// <summary>A PNG image to display, checked on the way in: the signature and the IHDR chunk give its size.</summary>
public sealed class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public Png(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        // PNG spec §5.2-5.3: the 8-byte signature, then IHDR first (length 13), its data opening with width and height.
        if (bytes.Length < 24 || !bytes.AsSpan(0, 8).SequenceEqual(Signature) || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw new FormatException("not a PNG: the PNG signature and IHDR chunk are missing");
        Bytes = bytes;
        Width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        Height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
    }

    public byte[] Bytes { get; }

    public int Width { get; }

    public int Height { get; }

    public string Base64 => Convert.ToBase64String(Bytes);

    public static Png FromFile(string path) => new(File.ReadAllBytes(path));
}
