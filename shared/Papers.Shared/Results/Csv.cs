using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Papers.Shared.Results;

/// <summary>
/// CSV as the results folder holds it: invariant culture, '\n' line ends, one row per record, and columns named
/// after the record's properties in snake_case (<c>OursMean</c> → <c>ours_mean</c>), as pandas users expect.
/// </summary>
public static class Csv
{
    /// <summary>The CsvHelper configuration of every results file; headers match properties ignoring case and '_'.</summary>
    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture)
    {
        NewLine = "\n",
        PrepareHeaderForMatch = args => args.Header.Replace("_", "").ToLowerInvariant(),
    };

    public static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    public static string ToText<T>(IEnumerable<T> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteTo(writer, rows);
        return writer.ToString();
    }

    /// <summary>Writes the rows to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(string path, IEnumerable<T> rows)
    {
        var materialized = rows.ToList();
        AtomicFile.WriteAllText(path, ToText(materialized));
    }

    public static List<T> Read<T>(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Configuration);
        return csv.GetRecords<T>().ToList();
    }

    private static void WriteTo<T>(TextWriter writer, IEnumerable<T> rows)
    {
        using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        var map = csv.Context.AutoMap<T>();
        foreach (var member in map.MemberMaps) member.Name(SnakeCase(member.Data.Member!.Name));
        csv.Context.RegisterClassMap(map);
        csv.WriteRecords(rows);
    }
}
