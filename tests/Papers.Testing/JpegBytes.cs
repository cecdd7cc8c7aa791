namespace Papers.Testing;

/// <summary>
/// A baseline JPEG (ITU T.81) whose 8×8 blocks hold only a DC coefficient, so that each block decodes to one flat
/// value: with every quantiser 1 the inverse DCT gives DC/8 and the level shift adds 128 (§A.3.1), so a block meant
/// to read v is coded with DC = 8(v − 128). Components are not subsampled; one or three of them (YCbCr).
/// </summary>
public static class JpegBytes
{
    /// <param name="blocks">Per component, the intended flat value of each block, blocks in raster order.</param>
    public static byte[] FlatBlocks(int height, int width, int[][] blocks)
    {
        var dc = blocks.Select(values => values.Select(v => 8 * (v - 128)).ToArray()).ToArray();
        // DC differences (§F.1.2.1) per component, interleaved in MCU order: one block of each component.
        var differences = new List<int>();
        for (var b = 0; b < dc[0].Length; b++)
            for (var c = 0; c < dc.Length; c++)
                differences.Add(dc[c][b] - (b > 0 ? dc[c][b - 1] : 0));
        // DC Huffman table: the categories used, all with codes of one length L with 2^L > count, so none is all ones.
        var categories = differences.Select(Category).Distinct().Order().ToArray();
        var length = 1;
        while ((1 << length) <= categories.Length) length++;

        var bits = new BitWriter();
        foreach (var difference in differences)
        {
            var category = Category(difference);
            bits.Write(Array.IndexOf(categories, category), length);
            // Negative values are sent as difference − 1 in `category` bits (§F.1.2.1).
            bits.Write(difference >= 0 ? difference : difference + (1 << category) - 1, category);
            bits.Write(0, 1); // EOB: the AC table's only code, "0"
        }

        var jpeg = new List<byte> { 0xff, 0xd8 };
        Segment(jpeg, 0xdb, [0x00, .. Enumerable.Repeat((byte)1, 64)]); // DQT: table 0, all ones
        var sof = new List<byte> { 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)blocks.Length };
        for (var c = 0; c < blocks.Length; c++) sof.AddRange([(byte)(c + 1), 0x11, 0]);
        Segment(jpeg, 0xc0, sof.ToArray()); // SOF0, baseline
        var dcCounts = new byte[16];
        dcCounts[length - 1] = (byte)categories.Length;
        Segment(jpeg, 0xc4, [0x00, .. dcCounts, .. categories.Select(c => (byte)c)]); // DHT: DC table 0
        Segment(jpeg, 0xc4, [0x10, 1, .. new byte[15], 0x00]); // DHT: AC table 0, one code of length 1 for EOB
        var sos = new List<byte> { (byte)blocks.Length };
        for (var c = 0; c < blocks.Length; c++) sos.AddRange([(byte)(c + 1), 0x00]);
        Segment(jpeg, 0xda, [.. sos, 0, 63, 0]); // SOS
        jpeg.AddRange(bits.Finish());
        jpeg.AddRange([0xff, 0xd9]);
        return jpeg.ToArray();
    }

    private static int Category(int value)
    {
        var magnitude = Math.Abs(value);
        var category = 0;
        while (magnitude > 0) (magnitude, category) = (magnitude >> 1, category + 1);
        return category;
    }

    private static void Segment(List<byte> jpeg, byte marker, byte[] body)
    {
        jpeg.AddRange([0xff, marker, (byte)((body.Length + 2) >> 8), (byte)(body.Length + 2)]);
        jpeg.AddRange(body);
    }

    /// <summary>Entropy-coded bits, most significant first, with a 0x00 stuffed after every 0xFF byte (§F.1.2.3).</summary>
    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _current;
        private int _count;

        public void Write(int value, int length)
        {
            for (var k = length - 1; k >= 0; k--)
            {
                _current = (_current << 1) | ((value >> k) & 1);
                if (++_count < 8) continue;
                _bytes.Add((byte)_current);
                if (_current == 0xff) _bytes.Add(0);
                (_current, _count) = (0, 0);
            }
        }

        /// <summary>Pads the last byte with 1 bits (§F.1.2.3).</summary>
        public byte[] Finish()
        {
            while (_count != 0) Write(1, 1);
            return _bytes.ToArray();
        }
    }
}
