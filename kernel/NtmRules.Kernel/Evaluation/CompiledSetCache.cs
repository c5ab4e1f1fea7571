using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using RulesEngine.Models;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// The sets compiled in this process, by the SHA-256 of everything their compile reads: a second load
/// of the same content (the web's reload, <c>serve</c>, a test suite running ntm's entry point hundreds
/// of times) gets the compile of the first instead of parsing and compiling every rule again.
/// </summary>
/// <remarks>
/// The key is computed from the set as this load read it — not from its files, which could change
/// between the read and the hash — and covers every field <see cref="SetCompiler"/> reads: the set's id
/// and files, its measures (key, type, range), its indicators (code, rule name, threshold with every
/// figure, unit, applicability condition), its workflow (global params, rules with their params,
/// expressions, operators, child rules), the allow-list of functions of its plugin, the engine's custom
/// types (by identity: a plugin assembly loaded again is a new compile) and the language of messages.
/// Two loads with the same key would compile to the same rules, pass the same checks and find the same
/// problems, so the checks still hold for what is evaluated. Whoever makes the compiler read another
/// field of the set adds it to <see cref="Key"/>. Only successful compiles are kept (a failure is
/// compiled again, and its problems are said in the language of that load), at most
/// <see cref="Capacity"/> of them.
/// </remarks>
internal static class CompiledSetCache
{
    /// <summary>How many compiled sets are kept; the oldest goes first. Twelve sets ship with ntm.</summary>
    internal const int Capacity = 64;

    private static readonly ConcurrentDictionary<Key, Lazy<CompiledCriteriaSet>> Compiled = new();
    /// <summary>The keys kept, oldest first (under its own lock).</summary>
    private static readonly LinkedList<Key> Order = new();
    private static long _compiles;

    /// <summary>How many sets were compiled (not taken from the cache) in this process.</summary>
    internal static long Compiles => Interlocked.Read(ref _compiles);

    /// <summary>
    /// The compile of <paramref name="set"/> with <paramref name="settings"/> and <paramref name="functions"/>: the
    /// one kept for the same content, made for this set, or a new one from <paramref name="compile"/>, kept when it succeeds.
    /// Two threads asking for the same content at once compile it once.
    /// </summary>
    public static CompiledCriteriaSet GetOrCompile(SetSource set, ReSettings settings, IReadOnlyDictionary<string, IReadOnlySet<string>> functions,
        Func<CompiledCriteriaSet> compile)
    {
        var key = new Key(Describe(set, functions), settings.CustomTypes ?? []);
        var entry = Compiled.GetOrAdd(key, _ => new Lazy<CompiledCriteriaSet>(() =>
        {
            Interlocked.Increment(ref _compiles);
            return compile();
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            var compiled = entry.Value;
            Remember(key);
            return compiled.For(set, settings.CustomTypes ?? []);
        }
        catch
        {
            Compiled.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>Empties the cache (tests that count compiles).</summary>
    internal static void Clear()
    {
        lock (Order)
        {
            Compiled.Clear();
            Order.Clear();
        }
    }

    /// <summary>Marks <paramref name="key"/> as the newest used, and lets the oldest go beyond <see cref="Capacity"/>.</summary>
    private static void Remember(Key key)
    {
        lock (Order)
        {
            Order.Remove(key);
            Order.AddLast(key);
            while (Order.Count > Capacity)
            {
                Compiled.TryRemove(Order.First!.Value, out _);
                Order.RemoveFirst();
            }
        }
    }

    /// <summary>The SHA-256 of the canonical text of everything the compile of <paramref name="set"/> reads.</summary>
    internal static string Describe(SetSource set, IReadOnlyDictionary<string, IReadOnlySet<string>> functions)
    {
        var text = new StringBuilder();
        void Line(params object?[] parts)
        {
            foreach (var p in parts) text.Append(Convert.ToString(p, CultureInfo.InvariantCulture)?.Replace("\u001f", "")).Append('\u001f');
            text.Append('\n');
        }
        Line("set", set.Id, set.DefinitionFile, set.WorkflowFile, CultureInfo.CurrentUICulture.Name);
        foreach (var (cls, methods) in functions.OrderBy(f => f.Key, StringComparer.Ordinal))
            Line("functions", cls, string.Join(",", methods.Order(StringComparer.Ordinal)));
        foreach (var m in set.Measures) Line("measure", m.Key, m.Type, m.Min, m.Max);
        foreach (var i in set.Indicators) DescribeIndicator(i, Line);
        foreach (var g in set.Workflow.GlobalParams ?? []) Line("global", g.Name, g.Expression);
        foreach (var r in set.Workflow.Rules ?? []) DescribeRule(r, 0, Line);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void DescribeIndicator(Indicator i, Action<object?[]> line)
    {
        line(["indicator", i.Code, i.RuleName, i.ValueUnit, i.ApplicableWhen, i.Threshold.Kind, i.Threshold.Operator]);
        foreach (var v in i.Threshold.Values)
        {
            line(["from", v.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            foreach (var f in v.Figures) line(["figure", f.Region, f.Figure.Value.Kind, f.Figure.Value.Number, f.Figure.Value.Flag]);
            foreach (var f in v.GroupFigures) line(["group", f.Group, f.Figure.Value.Kind, f.Figure.Value.Number, f.Figure.Value.Flag]);
        }
    }

    private static void DescribeRule(Rule r, int depth, Action<object?[]> line)
    {
        line(["rule", depth, r.RuleName, r.Expression, r.Operator, r.Enabled, r.SuccessEvent, r.RuleExpressionType]);
        foreach (var p in r.LocalParams ?? []) line(["local", depth, p.Name, p.Expression]);
        foreach (var child in r.Rules ?? []) DescribeRule(child, depth + 1, line);
    }

    /// <summary>The content's hash and the engine's custom types, compared by identity.</summary>
    private sealed class Key(string content, IReadOnlyList<Type> types) : IEquatable<Key>
    {
        private readonly string _content = content;
        private readonly Type[] _types = [.. types];

        public bool Equals(Key? other) => other is not null && _content == other._content && _types.SequenceEqual(other._types);

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode() => _content.GetHashCode(StringComparison.Ordinal);
    }
}
