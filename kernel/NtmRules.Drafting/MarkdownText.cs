using System.Text;

namespace NtmRules.Drafting;

/// <summary>Escapes text so that Markdown shows it as written (a commune's "5*" or "a|b" stays text).</summary>
public static class MarkdownText
{
    private static readonly System.Buffers.SearchValues<char> Markup = System.Buffers.SearchValues.Create("\\`*_[]|<>#\r\n");

    /// <summary>Backslash-escapes the characters Markdown would read as markup; line breaks become spaces.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny(Markup) < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '<' or '>' or '#':
                    sb.Append('\\').Append(c);
                    break;
                case '\r' or '\n':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
