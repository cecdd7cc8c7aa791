using System.Runtime.CompilerServices;
using System.Text;
using Papers.Shared.Results;

namespace Papers.Testing;

/// <summary>
/// Snapshot tests with Verify's conventions: the received value is compared with
/// <c>snapshots/{TestClass}.{TestMethod}.verified.{ext}</c> beside the test's source file (the class is taken to
/// be named as its file). On a mismatch, or when nothing is verified yet, the value is written as
/// <c>.received.{ext}</c> beside it and the test fails; accept with <c>SNAPSHOT_ACCEPT=1 dotnet test</c> or
/// <c>scripts/accept-snapshots.sh</c>. Numbers compare within stated tolerances, so a failure means a real change.
/// </summary>
public static class Snapshot
{
    /// <summary>Set to 1 to accept every received value as the new verified one.</summary>
    public const string AcceptVariable = "SNAPSHOT_ACCEPT";

    /// <summary>Rows written as the results folder writes them (<see cref="Csv"/>), then compared as CSV.</summary>
    public static void VerifyCsv<T>(IEnumerable<T> rows, CsvTolerances? tolerances = null, string? variant = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testMethod = "") =>
        VerifyCsv(Csv.ToText(rows), tolerances, variant, sourceFile, testMethod);

    /// <summary>CSV text, header first; fields compare per <paramref name="tolerances"/>, as exact text otherwise.</summary>
    public static void VerifyCsv(string csv, CsvTolerances? tolerances = null, string? variant = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testMethod = "") =>
        Verify(csv, "csv", (verified, received) => CsvDiff.Compare(verified, received, tolerances ?? new CsvTolerances()), variant, sourceFile, testMethod);

    /// <summary>JSON (a figure, a manifest): same structure, strings equal, numbers within <paramref name="numbers"/>.</summary>
    public static void VerifyJson(string json, Tolerance? numbers = null, string? variant = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testMethod = "") =>
        Verify(json, "json", (verified, received) => JsonDiff.Compare(verified, received, numbers ?? Tolerance.Exact), variant, sourceFile, testMethod);

    /// <summary>Text compared line by line, exactly.</summary>
    public static void VerifyText(string text, string extension = "txt", string? variant = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testMethod = "") =>
        Verify(text, extension, TextDiff, variant, sourceFile, testMethod);

    private static void Verify(string received, string extension, Func<string, string, IReadOnlyList<string>> compare,
        string? variant, string sourceFile, string testMethod)
    {
        received = received.ReplaceLineEndings("\n");
        var folder = Path.GetDirectoryName(sourceFile);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            throw new InvalidOperationException(
                $"the test's source folder '{folder}' does not exist here: snapshots need the real source path " +
                "(build without ContinuousIntegrationBuild path mapping)");
        var name = $"{Path.GetFileNameWithoutExtension(sourceFile)}.{testMethod}{(variant is null ? "" : "_" + variant)}";
        var snapshots = Path.Combine(folder, "snapshots");
        var verifiedPath = Path.Combine(snapshots, $"{name}.verified.{extension}");
        var receivedPath = Path.Combine(snapshots, $"{name}.received.{extension}");
        var accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";

        var differences = File.Exists(verifiedPath) ? compare(File.ReadAllText(verifiedPath).ReplaceLineEndings("\n"), received) : null;
        if (differences is { Count: 0 })
        {
            File.Delete(receivedPath);
            return;
        }
        if (accept)
        {
            AtomicFile.WriteAllText(verifiedPath, received);
            File.Delete(receivedPath);
            return;
        }
        AtomicFile.WriteAllText(receivedPath, received);
        var howToAccept = $"If the change is intended, accept it: {AcceptVariable}=1 dotnet test, or scripts/accept-snapshots.sh.";
        if (differences is null)
            Assert.Fail($"No verified snapshot {Relative(verifiedPath)} yet. Wrote {Relative(receivedPath)}: check it. {howToAccept}");
        const int shown = 20;
        var message = new StringBuilder($"Snapshot {name} differs from {Relative(verifiedPath)} (received: {Relative(receivedPath)}):\n");
        foreach (var d in differences.Take(shown)) message.Append("  ").Append(d).Append('\n');
        if (differences.Count > shown) message.Append($"  ... and {differences.Count - shown} more\n");
        Assert.Fail(message.Append(howToAccept).ToString());
    }

    private static IReadOnlyList<string> TextDiff(string verified, string received)
    {
        var expected = verified.Split('\n');
        var actual = received.Split('\n');
        var differences = new List<string>();
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            var e = i < expected.Length ? expected[i] : null;
            var a = i < actual.Length ? actual[i] : null;
            if (e != a) differences.Add($"line {i + 1}: expected {Quote(e)}, actual {Quote(a)}");
        }
        return differences;
    }

    internal static string Quote(string? text) => text is null ? "(no line)" : $"'{text}'";

    private static string Relative(string path) => Path.Combine(Path.GetFileName(Path.GetDirectoryName(path)!), Path.GetFileName(path));
}
