using System.IO.Compression;
using Papers.Shared.Data;
using Papers.Testing;

namespace Papers.Shared.Tests.Data;

/// <summary>A fresh folder under the system's temporary folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "papers-data-tests-" + Guid.NewGuid().ToString("N"));

    public string Write(string relative, byte[] bytes)
    {
        var file = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        System.IO.File.WriteAllBytes(file, bytes);
        return file;
    }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal static class TestFiles
{
    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>The catalogued datasets, beside the repository (../shared/data), as CI has them.</summary>
    public static string? SharedData =>
        DataRoot.RepositoryRoot is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared", "data")) : null;
}

/// <summary>A fact about ../shared/data itself, the folder CI has: skipped where it is absent, except under CI.</summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute() =>
        Skip = DataRequirement.SkipReason(TestFiles.SharedData is { } folder && Directory.Exists(folder), "../shared/data beside the repository");
}
