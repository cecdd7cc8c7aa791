using System.Globalization;
using CsvHelper;
using Papers.Shared.Results;

namespace Papers.Testing;

/// <summary>Field-by-field comparison of two CSV texts, each difference as "row r, column c: expected, actual".</summary>
internal static class CsvDiff
{
    public static IReadOnlyList<string> Compare(string verified, string received, CsvTolerances tolerances)
    {
        var expected = Parse(verified);
        var actual = Parse(received);
        if (expected.Count == 0 || actual.Count == 0)
            return expected.Count == actual.Count ? [] : [$"expected {expected.Count} lines, actual {actual.Count}"];
        var header = expected[0];
        if (!header.SequenceEqual(actual[0]))
            return [$"columns differ: expected [{string.Join(",", header)}], actual [{string.Join(",", actual[0])}]"];

        var differences = new List<string>();
        if (expected.Count != actual.Count) differences.Add($"expected {expected.Count - 1} rows, actual {actual.Count - 1}");
        for (var r = 1; r < Math.Min(expected.Count, actual.Count); r++)
        {
            for (var c = 0; c < header.Length; c++)
            {
                var e = c < expected[r].Length ? expected[r][c] : null;
                var a = c < actual[r].Length ? actual[r][c] : null;
                if (e == a) continue;
                var tolerance = tolerances.For(header[c]);
                var where = $"row {r} (line {r + 1}), column {header[c]}";
                if (tolerance is { } t && Number(e) is { } x && Number(a) is { } y)
                {
                    if (!t.Accepts(x, y)) differences.Add($"{where}: expected {e}, actual {a} (tolerance {t})");
                }
                else
                {
                    differences.Add($"{where}: expected {Snapshot.Quote(e)}, actual {Snapshot.Quote(a)}");
                }
            }
        }
        return differences;
    }

    private static List<string[]> Parse(string text)
    {
        using var parser = new CsvParser(new StringReader(text), Csv.Configuration);
        var rows = new List<string[]>();
        while (parser.Read()) rows.Add(parser.Record!);
        return rows;
    }

    private static double? Number(string? field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
