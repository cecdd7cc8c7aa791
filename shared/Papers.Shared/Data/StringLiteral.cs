using System.Globalization;
using System.Text;

namespace Papers.Shared.Data;

/// <summary>The two text encodings of protocol-0 pickles.</summary>
internal static class StringLiteral
{
    /// <summary>
    /// The argument of STRING: a Python 2 str repr, quoted with ' or ", whose escapes pickle decodes with
    /// codecs.escape_decode (\\ \' \" \a \b \f \n \r \t \v \xHH \ooo); an unknown escape stays as written.
    /// </summary>
    public static byte[] Unquote(string line, string source)
    {
        if (line.Length < 2 || line[0] is not ('\'' or '"') || line[^1] != line[0])
            throw new InvalidDataException($"{source}: STRING argument {line} is not a quoted Python string");
        var body = line[1..^1];
        var bytes = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 == body.Length)
            {
                bytes.Add(Latin1Byte(body[i], source));
                continue;
            }
            var c = body[++i];
            switch (c)
            {
                case '\\': case '\'': case '"': bytes.Add((byte)c); break;
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case 'x' when i + 2 < body.Length && byte.TryParse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, null, out var hex):
                    bytes.Add(hex);
                    i += 2;
                    break;
                case >= '0' and <= '7':
                    var end = i;
                    while (end + 1 < body.Length && end - i < 2 && body[end + 1] is >= '0' and <= '7') end++;
                    bytes.Add((byte)Convert.ToInt32(body[i..(end + 1)], 8));
                    i = end;
                    break;
                default:
                    bytes.Add((byte)'\\');
                    bytes.Add(Latin1Byte(c, source));
                    break;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>The argument of UNICODE: raw-unicode-escape, i.e. latin-1 text in which only \uXXXX and \UXXXXXXXX are escapes.</summary>
    public static string RawUnicodeEscape(string line)
    {
        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var digits = line[i] == '\\' && i + 1 < line.Length ? line[i + 1] switch { 'u' => 4, 'U' => 8, _ => 0 } : 0;
            if (digits > 0 && i + 2 + digits <= line.Length && int.TryParse(line.AsSpan(i + 2, digits), NumberStyles.HexNumber, null, out var code)
                && code <= 0x10FFFF)
            {
                // A lone surrogate (Python allows one in a str) is kept as the single char it is.
                text.Append(code < 0x10000 ? ((char)code).ToString() : char.ConvertFromUtf32(code));
                i += 1 + digits;
            }
            else
            {
                text.Append(line[i]);
            }
        }
        return text.ToString();
    }

    private static byte Latin1Byte(char c, string source) =>
        c <= '\xff' ? (byte)c : throw new InvalidDataException($"{source}: character U+{(int)c:X4} in a protocol-0 STRING");
}
