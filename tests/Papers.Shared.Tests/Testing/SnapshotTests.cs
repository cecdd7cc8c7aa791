using System.Diagnostics;
using Papers.Testing;
using Xunit.Sdk;

namespace Papers.Shared.Tests;

using Papers.Shared.Repro;

/// <summary>The snapshot helper against a scratch folder standing in for a test's source folder.</summary>
[Collection("Serial")]   // SNAPSHOT_ACCEPT is process-wide
public sealed class SnapshotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("papers-snapshot-").FullName;

    public SnapshotTests() => Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, null);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, null);
        Directory.Delete(_folder, recursive: true);
    }

    private string SourceFile => Path.Combine(_folder, "Table2SnapshotTests.cs");

    private string Snapshots(string file) => Path.Combine(_folder, "snapshots", file);

    private const string Verified = "dataset,seed,accuracy,loss\ncora,0,81.5,0.25\ncora,1,80.25,0.5\n";

    private void VerifyCsv(string csv, CsvTolerances? tolerances = null) =>
        Snapshot.VerifyCsv(csv, tolerances, sourceFile: SourceFile, testMethod: "CoraQuickRun");

    private void WriteVerified(string csv)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "snapshots"));
        File.WriteAllText(Snapshots("Table2SnapshotTests.CoraQuickRun.verified.csv"), csv);
    }

    [Fact]
    public void WithoutAVerifiedFileItWritesReceivedAndFailsSayingHowToAccept()
    {
        var e = Assert.Throws<FailException>(() => VerifyCsv(Verified));
        Assert.Contains("No verified snapshot snapshots/Table2SnapshotTests.CoraQuickRun.verified.csv", e.Message);
        Assert.Contains("SNAPSHOT_ACCEPT=1 dotnet test", e.Message);
        Assert.Contains("scripts/accept-snapshots.sh", e.Message);
        Assert.Equal(Verified, File.ReadAllText(Snapshots("Table2SnapshotTests.CoraQuickRun.received.csv")));
    }

    [Fact]
    public void NumbersWithinTheirColumnsToleranceMatchAndClearAStaleReceivedFile()
    {
        WriteVerified(Verified);
        File.WriteAllText(Snapshots("Table2SnapshotTests.CoraQuickRun.received.csv"), "stale");
        // |81.5004 − 81.5| = 4e-4 ≤ 1e-3; |0.2501 − 0.25| = 1e-4 ≤ 1e-3 · 0.25 = 2.5e-4.
        VerifyCsv("dataset,seed,accuracy,loss\ncora,0,81.5004,0.2501\r\ncora,1,80.25,0.5\n",
            new CsvTolerances { ["accuracy"] = Tolerance.Abs(1e-3), ["loss"] = Tolerance.Rel(1e-3) });
        Assert.False(File.Exists(Snapshots("Table2SnapshotTests.CoraQuickRun.received.csv")));
    }

    [Fact]
    public void AMismatchNamesRowColumnExpectedActualAndTolerance()
    {
        WriteVerified(Verified);
        const string received = "dataset,seed,accuracy,loss\ncora,0,81.6,0.25\nciteseer,1,80.25,0.5\n";
        var e = Assert.Throws<FailException>(() => VerifyCsv(received, new CsvTolerances { ["accuracy"] = Tolerance.Abs(1e-3) }));
        Assert.Contains("row 1 (line 2), column accuracy: expected 81.5, actual 81.6 (tolerance abs 0.001, rel 0)", e.Message);
        Assert.Contains("row 2 (line 3), column dataset: expected 'cora', actual 'citeseer'", e.Message);
        Assert.Equal(received, File.ReadAllText(Snapshots("Table2SnapshotTests.CoraQuickRun.received.csv")));
        Assert.Equal(Verified, File.ReadAllText(Snapshots("Table2SnapshotTests.CoraQuickRun.verified.csv")));
    }

    [Fact]
    public void NumbersWithoutAToleranceCompareAsExactText()
    {
        WriteVerified(Verified);
        var e = Assert.Throws<FailException>(() => VerifyCsv(Verified.Replace("81.5", "81.50")));
        Assert.Contains("column accuracy: expected '81.5', actual '81.50'", e.Message);
        VerifyCsv(Verified.Replace("81.5", "81.50"), new CsvTolerances { Numbers = Tolerance.Exact });
    }

    [Fact]
    public void DifferentColumnsOrRowCountsAreReported()
    {
        WriteVerified(Verified);
        var columns = Assert.Throws<FailException>(() => VerifyCsv(Verified.Replace("loss", "nll")));
        Assert.Contains("columns differ: expected [dataset,seed,accuracy,loss], actual [dataset,seed,accuracy,nll]", columns.Message);
        var rows = Assert.Throws<FailException>(() => VerifyCsv(Verified + "cora,2,79,1\n"));
        Assert.Contains("expected 2 rows, actual 3", rows.Message);
    }

    [Fact]
    public void AcceptingWritesTheVerifiedFileAndPasses()
    {
        WriteVerified(Verified);
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, "1");
        var changed = Verified.Replace("81.5", "90");
        VerifyCsv(changed);
        Assert.Equal(changed, File.ReadAllText(Snapshots("Table2SnapshotTests.CoraQuickRun.verified.csv")));
        Assert.False(File.Exists(Snapshots("Table2SnapshotTests.CoraQuickRun.received.csv")));
    }

    [Fact]
    public void RowsAreWrittenAsTheResultsFolderWritesThem()
    {
        WriteVerified("dataset,seed,test_accuracy\ncora,0,0.815\n");
        Snapshot.VerifyCsv([new { Dataset = "cora", Seed = 0, TestAccuracy = 0.815 }], sourceFile: SourceFile, testMethod: "CoraQuickRun");
    }

    [Fact]
    public void JsonNumbersCompareWithinToleranceAndDifferencesNameTheirPath()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "snapshots"));
        File.WriteAllText(Snapshots("Table2SnapshotTests.Figure.verified.json"), """{"data":[{"y":[1,2.5],"name":"a"}],"layout":{}}""");
        Snapshot.VerifyJson("""{ "data": [ { "y": [1.0000001, 2.5], "name": "a" } ], "layout": {} }""", Tolerance.Abs(1e-6),
            sourceFile: SourceFile, testMethod: "Figure");
        var e = Assert.Throws<FailException>(() => Snapshot.VerifyJson("""{"data":[{"y":[1,2.6],"name":"b","x":[]}],"layout":{}}""",
            Tolerance.Abs(1e-6), sourceFile: SourceFile, testMethod: "Figure"));
        Assert.Contains("$.data[0].y[1]: expected 2.5, actual 2.6 (tolerance abs 1E-06, rel 0)", e.Message);
        Assert.Contains("$.data[0].name: expected \"a\", actual \"b\"", e.Message);
        Assert.Contains("$.data[0].x: unexpected", e.Message);
    }

    [Fact]
    public void TextDifferencesNameTheLine()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "snapshots"));
        File.WriteAllText(Snapshots("Table2SnapshotTests.Help.verified.txt"), "one\ntwo\n");
        Snapshot.VerifyText("one\r\ntwo\r\n", sourceFile: SourceFile, testMethod: "Help");
        var e = Assert.Throws<FailException>(() => Snapshot.VerifyText("one\nthree\n", sourceFile: SourceFile, testMethod: "Help"));
        Assert.Contains("line 2: expected 'two', actual 'three'", e.Message);
    }

    [Fact]
    public void AcceptScriptRenamesEveryReceivedSnapshot()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "snapshots"));
        File.WriteAllText(Snapshots("A.B.received.csv"), "new");
        File.WriteAllText(Snapshots("A.B.verified.csv"), "old");
        File.WriteAllText(Snapshots("A.C_cora.received.json"), "{}");
        var script = Path.Combine(RepoRoot.Require(), "scripts", "accept-snapshots.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, ArgumentList = { script, _folder } };
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.Equal(0, bash.ExitCode);
        Assert.Equal(["A.B.verified.csv", "A.C_cora.verified.json"],
            Directory.GetFiles(Path.Combine(_folder, "snapshots")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("new", File.ReadAllText(Snapshots("A.B.verified.csv")));
        Assert.Contains("2 snapshot(s) accepted", output);
    }
}
