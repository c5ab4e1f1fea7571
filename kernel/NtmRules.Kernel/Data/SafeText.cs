using System.Globalization;
using System.Text;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Data;

/// <summary>
/// Which characters a person's text (a commune's name, a narrative, a spreadsheet cell) may carry.
/// Control characters (NUL, ESC …) corrupt terminals, CSV and XML (a DOCX refuses them outright),
/// and direction overrides (U+202E …) make text read differently from what it holds. Intake refuses
/// both, with their place, rather than letting them reach an output.
/// </summary>
public static class SafeText
{
    /// <summary>
    /// Why <paramref name="text"/> cannot be accepted, or null when it can. Tab and line breaks are
    /// allowed only in multi-line text (a narrative), never in a name or code.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="multiLine">Whether tab, CR and LF are allowed.</param>
    public static string? Problem(string text, bool multiLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (multiLine && c is '\t' or '\r' or '\n') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (Describe(c) is { } what)
                return MessageText.Format(DataMessages.UnsafeText, what, i + 1);
        }
        return null;
    }

    /// <summary>
    /// <paramref name="text"/> with every character <see cref="Problem"/> refuses written as <c>\uXXXX</c>,
    /// for echoing a refused value in a message or a report without carrying the character itself.
    /// </summary>
    public static string Visible(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (!paired && Describe(c) is not null)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length + 8);
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                continue;
            }
            sb?.Append(c);
            if (paired)
            {
                sb?.Append(text[i + 1]);
                i++;
            }
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>
    /// <paramref name="text"/> as a message quotes it: <see cref="Visible"/>, and cut to its first
    /// 100 characters when longer (a refused 30-million-character cell is not echoed whole).
    /// </summary>
    public static string Excerpt(string text) =>
        text.Length <= 120 ? Visible(text) : Visible(text[..100]) + MessageText.Format(DataMessages.ExcerptLength, text.Length);

    /// <summary>A description of a refused character, or null when it is fine (line breaks count as refused here; callers allow them).</summary>
    private static string? Describe(char c) => c switch
    {
        < ' ' => MessageText.Format(DataMessages.ControlCharNamed, (int)c, Name(c)),
        '\u007F' or (>= '\u0080' and <= '\u009F') => MessageText.Format(DataMessages.ControlChar, (int)c),
        (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C' => MessageText.Format(DataMessages.DirectionChar, (int)c),
        '\uFFFE' or '\uFFFF' => MessageText.Format(DataMessages.NonChar, (int)c),
        _ when char.IsSurrogate(c) => MessageText.Format(DataMessages.UnpairedSurrogate, (int)c),
        _ => null,
    };

    private static string Name(char c) => c switch
    {
        '\0' => " (NUL)",
        '\u001B' => " (ESC)",
        '\t' => DataMessages.Tab,
        '\r' => DataMessages.CarriageReturn,
        '\n' => DataMessages.LineFeed,
        _ => "",
    };
}
