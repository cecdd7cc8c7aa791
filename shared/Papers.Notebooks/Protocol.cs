namespace Papers.Notebooks;

/// <summary>
/// How a notebook's program talks to the runner (scripts/Notebooks) over standard output. Ordinary text is the
/// current cell's output; a line starting with <see cref="Marker"/> is a directive:
/// <code>
///   {Marker}cell 3            what follows is the output of the notebook's third cell (counting every cell)
///   {Marker}display {json}    a displayed value: {"text/plain": ..., "text/html": ..., "image/png": base64}
///   {Marker}error {json}      an unhandled exception: {"ename": ..., "evalue": ..., "traceback": [lines]}
/// </code>
/// The runner sets <see cref="EnvironmentVariable"/> for the program it starts, and <see cref="Notebook.display"/>
/// writes directives only then, so the same cells run as a plain console program or in a Polyglot kernel.
/// </summary>
public static class Protocol
{
    public const string EnvironmentVariable = "PAPERS_NOTEBOOK_RUNNER";

    /// <summary>ASCII's record separator, which ordinary output never holds, then a name a reader can recognise.</summary>
    public const string Marker = "\u001Enotebook:";

    public const string CellDirective = "cell";
    public const string DisplayDirective = "display";
    public const string ErrorDirective = "error";

    /// <summary>True in a program the runner started.</summary>
    public static bool IsActive => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    public static string Cell(int number) => $"{Marker}{CellDirective} {number}";

    public static string Display(DisplayData data) => $"{Marker}{DisplayDirective} {data.ToJson().ToJsonString()}";
}
