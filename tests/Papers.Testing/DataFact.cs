using Papers.Shared.Data;

namespace Papers.Testing;

/// <summary>
/// Whether a test that reads data files can run here. Where a file is in none of the data folders, the test is
/// skipped with a reason naming it. Under CI (<c>CI=true</c>, whose checkout has ../shared/data beside it) it never
/// is: the test runs and fails on the data store's message naming the missing file, so CI cannot pass with
/// data-dependent tests left out.
/// </summary>
public static class DataRequirement
{
    public const string CiVariable = "CI";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable(CiVariable), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why a test that reads <paramref name="files"/> is skipped here, or null where it runs. A file is a path under
    /// the data folders (<c>planetoid/ind.cora.x</c>), or an absolute path for a file a system package installs.
    /// </summary>
    public static string? SkipReason(IReadOnlyCollection<string> files)
    {
        if (files.Count == 0) throw new ArgumentException("name the data files the test reads", nameof(files));
        var missing = files.Where(f => Path.IsPathRooted(f) ? !File.Exists(f) : DataFiles.Find(f) is null).ToList();
        var folders = DataRoot.SearchFolders is { Count: > 0 } searched ? string.Join(", ", searched) : "none configured";
        return SkipReason(missing.Count == 0,
            $"{string.Join(", ", missing)}, in none of the data folders ({folders}): set {DataRoot.EnvironmentVariable} " +
            $"to a folder that holds {(missing.Count == 1 ? "it" : "them")}, or see the data README");
    }

    /// <summary>Why a test that needs <paramref name="what"/> is skipped, or null where it is <paramref name="present"/>.</summary>
    public static string? SkipReason(bool present, string what) =>
        present || IsCi ? null : $"needs {what}. Under {CiVariable}=true this test runs and fails instead.";
}

/// <summary>A fact that reads data files: skipped, with the reason, where they are missing (see <see cref="DataRequirement"/>).</summary>
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute(params string[] files) => Skip = DataRequirement.SkipReason(files);
}

/// <summary>A theory that reads data files: skipped, with the reason, where they are missing (see <see cref="DataRequirement"/>).</summary>
public sealed class DataTheoryAttribute : TheoryAttribute
{
    public DataTheoryAttribute(params string[] files) => Skip = DataRequirement.SkipReason(files);
}
