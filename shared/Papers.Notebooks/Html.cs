using System.Text;

namespace Papers.Notebooks;

/// <summary>
/// HTML to show as such (a table, a note), with the text a plain viewer shows instead. Named apart from Polyglot's
/// <c>HTML(...)</c> so that both can be in scope in a real kernel.
/// </summary>
public sealed record Html(string Content, string Text)
{
    /// <summary>A paragraph of text, escaped; the plain form is the text itself.</summary>
    public static Html Paragraph(string text) => new($"<p>{Escape(text)}</p>", text);

    /// <summary>
    /// Escapes the five characters HTML gives meaning to and nothing else, so that Â and ± stay readable in the
    /// notebook's source (WebUtility.HtmlEncode turns Latin-1 letters into numeric entities).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
