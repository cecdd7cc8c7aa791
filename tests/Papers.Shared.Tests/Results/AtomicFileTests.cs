namespace Papers.Shared.Tests;

using Papers.Shared.Results;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("papers-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AFailingWriteLeavesTheOldFileIntactAndNoTemporary()
    {
        var path = Path.Combine(_folder, "table2.csv");
        File.WriteAllText(path, "old contents\n");
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("new, half written"u8);
            stream.Flush();
            throw new IOException("disk full");
        }));
        Assert.Equal("disk full", e.Message);
        Assert.Equal("old contents\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void ARowSourceThatFailsMidwayLeavesTheOldCsvIntact()
    {
        var path = Path.Combine(_folder, "runs.csv");
        File.WriteAllText(path, "old\n");
        static IEnumerable<TableRow> Rows()
        {
            yield return new TableRow("T", "r", "c", "s", 1, 1, 0, 2);
            throw new InvalidOperationException("run 2 diverged");
        }
        Assert.Throws<InvalidOperationException>(() => Csv.Write(path, Rows()));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void AWriteReplacesTheFileAndCreatesMissingFolders()
    {
        var path = Path.Combine(_folder, "a", "b", "notes.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second ± Δ");
        Assert.Equal("second ± Δ", File.ReadAllText(path));
        Assert.Equal("second ± Δ"u8.ToArray(), File.ReadAllBytes(path));   // UTF-8 without a byte-order mark
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void TheNextWriteRemovesTheTemporaryOfAWriteKilledBeforeItsRename()
    {
        var path = Path.Combine(_folder, "checkpoint.safetensors");
        var killed = Path.Combine(_folder, ".checkpoint.safetensors.0123456789abcdef0123456789abcdef.tmp");
        var otherFile = Path.Combine(_folder, ".runs.csv.0123456789abcdef0123456789abcdef.tmp");
        foreach (var leftover in new[] { killed, otherFile })
        {
            File.WriteAllText(leftover, "half written");
            File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-5));
        }
        AtomicFile.WriteAllText(path, "whole");
        Assert.Equal("whole", File.ReadAllText(path));
        Assert.False(File.Exists(killed));
        Assert.True(File.Exists(otherFile));        // another file's temporary is not this write's business
    }
}
