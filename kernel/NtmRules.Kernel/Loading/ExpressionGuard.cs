namespace NtmRules.Kernel.Loading;

/// <summary>
/// Checks a rule expression against an allow-list before RulesEngine ever compiles it.
/// </summary>
/// <remarks>
/// RulesEngine's expression language (System.Linq.Dynamic.Core) blocks some dangerous calls but
/// still lets <c>m.GetType().Assembly.Location</c> or <c>DateTime.Now</c> through. A deny-list
/// would always miss something, so only these names are accepted: the input <c>m</c> followed by
/// one measure key, the names the rule itself defines (local and global params, <c>threshold</c>),
/// literals and keywords, and methods of the whitelisted function classes.
/// </remarks>
internal sealed class ExpressionGuard
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "iif", "and", "or", "not",
    };

    private readonly IReadOnlySet<string> _measureKeys;
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _functions;

    /// <summary>Creates a guard for one criteria set.</summary>
    /// <param name="measureKeys">Keys readable as <c>m.key</c>.</param>
    /// <param name="functions">Function class name → its callable method names.</param>
    public ExpressionGuard(IReadOnlySet<string> measureKeys, IReadOnlyDictionary<string, IReadOnlySet<string>> functions)
    {
        _measureKeys = measureKeys;
        _functions = functions;
    }

    /// <summary>The result of a check: the measures read and any violations.</summary>
    public sealed record Result(IReadOnlyList<string> MeasuresRead, IReadOnlyList<string> Violations);

    /// <summary>Checks <paramref name="expression"/>; <paramref name="names"/> are the parameter names in scope.</summary>
    public Result Check(string expression, IReadOnlySet<string> names)
    {
        var measures = new List<string>();
        var violations = new List<string>();
        var tokens = Tokenize(expression, violations);
        for (var i = 0; i < tokens.Count; i++)
        {
            var (text, afterDot) = tokens[i];
            if (afterDot)
            {
                violations.Add($"'.{text}' is not allowed here");
                while (i + 1 < tokens.Count && tokens[i + 1].AfterDot) i++;
                continue;
            }
            var next = i + 1 < tokens.Count && tokens[i + 1].AfterDot ? tokens[i + 1].Text : null;
            if (text == "m")
            {
                if (next is null) { violations.Add("'m' must be followed by a measure key, as in m.hoNgheo"); continue; }
                if (_measureKeys.Contains(next))
                {
                    if (!measures.Contains(next)) measures.Add(next);
                }
                else violations.Add($"'m.{next}' is not a measure of this set");
                i++;
                if (i + 1 < tokens.Count && tokens[i + 1].AfterDot) { violations.Add($"'m.{next}.{tokens[i + 1].Text}' is not allowed: a measure is a plain number or yes/no"); i++; }
                continue;
            }
            if (_functions.TryGetValue(text, out var methods))
            {
                if (next is null || !methods.Contains(next)) violations.Add($"'{text}{(next is null ? "" : "." + next)}' is not an allowed function; allowed: {string.Join(", ", methods.Order(StringComparer.Ordinal).Select(mm => text + "." + mm))}");
                if (next is not null) i++;
                continue;
            }
            if (names.Contains(text) || Keywords.Contains(text))
            {
                if (next is not null) { violations.Add($"'{text}.{next}' is not allowed: '{text}' is a plain value"); i++; }
                continue;
            }
            violations.Add($"'{text}' is not allowed in a rule expression (only m.<measure>, params, {string.Join(", ", _functions.Keys.Order(StringComparer.Ordinal))} functions and literals are)");
            while (i + 1 < tokens.Count && tokens[i + 1].AfterDot) i++; // one message per offending chain
        }
        return new Result(measures, violations);
    }

    /// <summary>Identifiers with whether a '.' precedes them; string literals and numbers are skipped.</summary>
    private static List<(string Text, bool AfterDot)> Tokenize(string s, List<string> violations)
    {
        var tokens = new List<(string, bool)>();
        var afterDot = false;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '"' || c == '\'')
            {
                var end = i + 1;
                while (end < s.Length && s[end] != c) end += s[end] == '\\' ? 2 : 1;
                if (end >= s.Length) violations.Add("unterminated string literal");
                i = end + 1;
                afterDot = false;
                continue;
            }
            if (char.IsDigit(c))
            {
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.')) i++;
                if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
                {
                    i++;
                    if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
                    while (i < s.Length && char.IsDigit(s[i])) i++;
                }
                if (i < s.Length && "dDfFmMlLuU".Contains(s[i])) i++;
                afterDot = false;
                continue;
            }
            if (char.IsLetter(c) || c == '_' || c == '@' || c == '$')
            {
                var start = i;
                i++;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
                tokens.Add((s[start..i], afterDot));
                afterDot = false;
                continue;
            }
            afterDot = c == '.';
            i++;
        }
        return tokens;
    }
}
