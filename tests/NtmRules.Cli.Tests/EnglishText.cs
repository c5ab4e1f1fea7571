using System.Text.RegularExpressions;

namespace NtmRules.Cli.Tests;

/// <summary>
/// A heuristic for English left in Vietnamese text: common English words that Vietnamese never uses, found
/// outside what stays untranslated on purpose — quoted text ('…', "…", “…”, `…`, &lt;…&gt;), placeholders,
/// paths, ids, options and codes (any word holding . / \ - _ = $ @ : or a digit), and names in capitals (NAME, KEYID).
/// </summary>
internal static partial class EnglishText
{
    /// <summary>Words of English sentences that no Vietnamese sentence of ntm contains.</summary>
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "the", "not", "must", "file", "files", "found", "invalid", "missing", "unknown", "cannot", "error", "errors", "warning", "warnings",
        "should", "please", "folder", "with", "from", "which", "this", "does", "has", "have", "been", "into", "only", "when",
        "is", "are", "was", "of", "and", "or", "for", "no", "use", "give", "run", "write", "read", "such", "refused", "required",
        "expected", "option", "value", "record", "records", "store", "package", "plugin's", "set's", "line", "column",
    };

    [GeneratedRegex("""'[^']*'|"[^"]*"|“[^”]*”|`[^`]*`|<[^>]*>|\{\d+(:[^}]*)?\}""")]
    private static partial Regex Untranslated();

    [GeneratedRegex(@"[\p{L}']+")]
    private static partial Regex Word();

    /// <summary>The English words of <paramref name="text"/> (empty when it reads as Vietnamese).</summary>
    public static IReadOnlyList<string> In(string text)
    {
        var found = new List<string>();
        foreach (var token in Untranslated().Replace(text, " ").Split([' ', '\n', '\r', '\t', ',', ';', '(', ')', '[', ']'], StringSplitOptions.RemoveEmptyEntries))
        {
            // Ids, options, paths, codes, numbers: written as the user or a machine writes them, in any language.
            if (token.IndexOfAny(['.', '/', '\\', '-', '_', '=', '$', '@', '|', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) >= 0
                && !token.TrimEnd('.', ':', '!', '?').All(c => char.IsLetter(c) || c == '\'')) continue;
            var word = token.Trim('.', ':', '!', '?', '…', '—', '–', '→', '"', '\'');
            if (word.Length == 0 || word.All(c => !char.IsLetter(c) || char.IsUpper(c))) continue;
            foreach (var w in Word().Matches(word).Select(m => m.Value))
                if (Words.Contains(w.ToLowerInvariant())) found.Add(w);
        }
        return found;
    }
}
