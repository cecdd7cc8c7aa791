namespace Papers.Notebooks.Runner;

/// <summary>A notebook the runner cannot read, translate or run; the message names the notebook, cell and line.</summary>
public sealed class NotebookException(string message) : Exception(message);
