namespace Papers.Notebooks.Runner;

/// <summary>
/// Writes a text file through a temporary file beside it and a rename, and only when its text differs. The runner
/// references no repository library: a notebook loads those itself, and two copies in one process would clash.
/// </summary>
internal static class AtomicText
{
    public static bool WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text) return false;
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
