using System.Net;

namespace Papers.Notebooks;

/// <summary>
/// HTML to show as such (a table, a note), with the text a plain viewer shows instead. Named apart from Polyglot's
/// <c>HTML(...)</c> so that both can be in scope in a real kernel.
/// </summary>
public sealed record Html(string Content, string Text)
{
    /// <summary>A paragraph of text, escaped; the plain form is the text itself.</summary>
    public static Html Paragraph(string text) => new($"<p>{WebUtility.HtmlEncode(text)}</p>", text);
}
