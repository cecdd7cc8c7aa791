using System.Globalization;
using System.Text;
using Papers.Torch;
using static Papers.Torch.torch;

namespace Papers.Shared.Data;

/// <summary>USPS digits: labels 0-9 and 16×16 images, row-major, values in [-1, 1].</summary>
public sealed record UspsDigits(byte[] Labels, float[] Pixels)
{
    public const int Side = 16;

    public int Count => Labels.Length;

    /// <summary>A float32 tensor [count, 16, 16].</summary>
    public Tensor ToTensor() => torch.tensor(Pixels, [Count, Side, Side]);
}

/// <summary>
/// The USPS files of The Elements of Statistical Learning (zip.train.gz, zip.test.gz): one image a line,
/// <c>label v1 ... v256</c> separated by spaces, label and values with 4 decimals. Read gzipped or plain.
/// </summary>
public static class Usps
{
    private const int Values = UspsDigits.Side * UspsDigits.Side;

    public static UspsDigits Load(string path)
    {
        var text = Encoding.ASCII.GetString(Gzip.ReadAllBytes(path));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var labels = new byte[lines.Length];
        var pixels = new float[lines.Length * Values];
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != Values + 1)
                throw Bad(path, i, $"{fields.Length} fields, expected a label and {Values} values");
            var label = Number(fields[0], path, i);
            if (label != Math.Floor(label) || label is < 0 or > 9) throw Bad(path, i, $"label {fields[0]} is not a digit 0-9");
            labels[i] = (byte)label;
            for (var k = 0; k < Values; k++)
            {
                var v = Number(fields[k + 1], path, i);
                if (float.IsNaN(v) || v is < -1 or > 1) throw Bad(path, i, $"value {fields[k + 1]} outside [-1, 1]");
                pixels[i * Values + k] = v;
            }
        }
        return new UspsDigits(labels, pixels);
    }

    /// <summary>
    /// A content check for a download whose upstream hash is unknown: it must read as USPS with
    /// <paramref name="expectedRows"/> rows. Returns what it saw.
    /// </summary>
    public static Func<string, string> ContentCheck(int expectedRows) => path =>
    {
        var digits = Load(path);
        if (digits.Count != expectedRows) throw new InvalidDataException($"{path}: {digits.Count} USPS rows, expected {expectedRows}");
        return $"{digits.Count} rows of a label 0-9 and {Values} values in [-1, 1]";
    };

    private static float Number(string field, string path, int line) =>
        float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(path, line, $"'{field}' is not a number");

    private static InvalidDataException Bad(string path, int line, string what) => new($"{path}: line {line + 1}: {what}");
}
