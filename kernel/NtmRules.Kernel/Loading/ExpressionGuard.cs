using NtmRules.Kernel.Localization;
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

    /// <summary>
    /// Names that are never allowed, with the reason said plainly. The allow-list below refuses
    /// them anyway (and everything else not on it); this only makes the message specific, so an
    /// author learns why rather than just that the name is unknown.
    /// </summary>
    private static readonly Dictionary<string, Func<string>> Forbidden = BuildForbidden();

    private static Dictionary<string, Func<string>> BuildForbidden()
    {
        // Each reason is worded when a message is written, in the language of that moment.
        var map = new Dictionary<string, Func<string>>(StringComparer.Ordinal);
        void Add(Func<string> reason, params string[] names)
        {
            foreach (var n in names) map[n] = () => $"{n}: {reason()}";
        }
        Add(() => LoadingMessages.ForbiddenReflection, "GetType", "typeof", "Type", "Assembly", "Activator", "AppDomain", "Reflection",
            "MethodInfo", "GetMethod", "GetMethods", "GetProperty", "GetField", "InvokeMember", "CreateInstance", "Delegate", "DynamicInvoke", "Expression", "Marshal", "Unsafe");
        Add(() => LoadingMessages.ForbiddenFiles, "File", "Directory", "FileInfo", "DirectoryInfo", "FileStream", "StreamReader", "StreamWriter", "Path", "DriveInfo");
        Add(() => LoadingMessages.ForbiddenProcesses, "Process", "ProcessStartInfo");
        Add(() => LoadingMessages.ForbiddenEnvironment, "Environment");
        Add(() => LoadingMessages.ForbiddenNetwork, "HttpClient", "WebClient", "WebRequest", "HttpWebRequest", "Socket", "TcpClient", "UdpClient", "Dns", "Ping", "NetworkCredential");
        Add(() => LoadingMessages.ForbiddenNondeterministic, "Random", "Guid", "Stopwatch", "TimeProvider");
        Add(() => LoadingMessages.ForbiddenRuntime, "Thread", "ThreadPool", "Task", "GC", "Console");
        foreach (var clock in new[] { "DateTime", "DateTimeOffset" })
            foreach (var member in new[] { "Now", "Today", "UtcNow" })
            {
                var name = $"{clock}.{member}";
                map[name] = () => MessageText.Format(LoadingMessages.ForbiddenClock, name);
            }
        return map;
    }

    /// <summary>The specific reasons a chain of names (<c>m.GetType().Assembly</c> → m, GetType, Assembly) is forbidden; empty when none applies.</summary>
    private static List<string> ForbiddenIn(IReadOnlyList<string> chain)
    {
        var reasons = new List<string>();
        for (var k = 0; k < chain.Count; k++)
        {
            if (k + 1 < chain.Count && Forbidden.TryGetValue(chain[k] + "." + chain[k + 1], out var clock)) reasons.Add(clock());
            else if (Forbidden.TryGetValue(chain[k], out var reason) && reason() is var said && !reasons.Contains(said)) reasons.Add(said);
        }
        return reasons;
    }

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

    /// <summary>Longest expression accepted, in characters (the bundled sets' longest is about 110).</summary>
    public const int MaxLength = 2_000;

    /// <summary>Deepest nesting of parentheses and brackets accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most operators accepted in one expression.</summary>
    public const int MaxOperators = 200;

    /// <summary>
    /// Refuses an expression too long, too deeply nested or with too many operators before any
    /// parser sees it: System.Linq.Dynamic.Core's parser and the expression compiler recurse once
    /// per level, and 2.000 nested parentheses or a sum of 5.000 terms overflowed the stack, which
    /// ends the process. Longer logic belongs in LocalParams, each checked on its own.
    /// </summary>
    /// <returns>Why the expression is refused, or null.</returns>
    public static string? CheckSize(string expression)
    {
        int depth = 0, deepest = 0, operators = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c is '(' or '[') deepest = Math.Max(deepest, ++depth);
            else if (c is ')' or ']') depth--;
            else if (c is '+' or '-' or '*' or '/' or '%' or '<' or '>' or '?' || (c is '&' or '|' or '=' or '!' && i + 1 < expression.Length && expression[i + 1] is '&' or '|' or '=')) operators++;
        }
        if (deepest > MaxDepth) return MessageText.Format(LoadingMessages.GuardDepth, deepest, MaxDepth);
        if (operators > MaxOperators) return MessageText.Format(LoadingMessages.GuardOperators, operators, MaxOperators);
        if (expression.Length > MaxLength)
            return MessageText.Format(LoadingMessages.GuardLength, expression.Length, MaxLength);
        return null;
    }

    /// <summary>Checks <paramref name="expression"/>; <paramref name="names"/> are the parameter names in scope.</summary>
    public Result Check(string expression, IReadOnlySet<string> names)
    {
        var measures = new List<string>();
        var violations = new List<string>();
        if (CheckSize(expression) is { } tooBig) return new Result(measures, [tooBig]);
        var tokens = Tokenize(expression, violations);
        for (var i = 0; i < tokens.Count; i++)
        {
            var (text, afterDot) = tokens[i];
            // Forbidden names get their own message, once per chain (m.GetType().Assembly is one chain).
            var chain = new List<string> { text };
            for (var k = i + 1; k < tokens.Count && tokens[k].AfterDot; k++) chain.Add(tokens[k].Text);
            if (ForbiddenIn(chain) is { Count: > 0 } reasons)
            {
                violations.AddRange(reasons.Where(r => !violations.Contains(r)));
                i += chain.Count - 1;
                continue;
            }
            if (afterDot)
            {
                violations.Add(MessageText.Format(LoadingMessages.GuardMemberHere, text));
                while (i + 1 < tokens.Count && tokens[i + 1].AfterDot) i++;
                continue;
            }
            var next = i + 1 < tokens.Count && tokens[i + 1].AfterDot ? tokens[i + 1].Text : null;
            if (text == "m")
            {
                if (next is null) { violations.Add(LoadingMessages.GuardBareM); continue; }
                if (_measureKeys.Contains(next))
                {
                    if (!measures.Contains(next)) measures.Add(next);
                }
                else violations.Add(MessageText.Format(LoadingMessages.GuardUnknownMeasure, next));
                i++;
                if (i + 1 < tokens.Count && tokens[i + 1].AfterDot) { violations.Add(MessageText.Format(LoadingMessages.GuardMeasureMember, next, tokens[i + 1].Text)); i++; }
                continue;
            }
            if (_functions.TryGetValue(text, out var methods))
            {
                if (next is null || !methods.Contains(next)) violations.Add(MessageText.Format(LoadingMessages.GuardFunction, text, (next is null ? "" : "." + next), string.Join(", ", methods.Order(StringComparer.Ordinal).Select(mm => text + "." + mm))));
                if (next is not null) i++;
                continue;
            }
            if (names.Contains(text) || Keywords.Contains(text))
            {
                if (next is not null) { violations.Add(MessageText.Format(LoadingMessages.GuardValueMember, text, next, text)); i++; }
                continue;
            }
            violations.Add(MessageText.Format(LoadingMessages.GuardName, text, string.Join(", ", _functions.Keys.Order(StringComparer.Ordinal))));
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
                if (end >= s.Length) violations.Add(LoadingMessages.GuardUnterminated);
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
