using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Remembers which file and JSON token each object read from a plugin came from (a rule, a
/// param, an indicator, a threshold value), so that checks made later — when an expression is
/// compiled, when a threshold is compared with a measure's range — can still name the file,
/// line, column and JSON path. Keyed by reference and weak: it keeps nothing alive.
/// </summary>
internal static class SourceMap
{
    private sealed record Location(string File, JToken Token);

    private static readonly ConditionalWeakTable<object, Location> Map = new();

    /// <summary>Records that <paramref name="item"/> was read from <paramref name="token"/> in <paramref name="file"/>.</summary>
    public static void Remember(object item, string file, JToken token) => Map.AddOrUpdate(item, new Location(file, token));

    /// <summary>Gives <paramref name="copy"/> (a <c>with</c> copy of a record) the source of <paramref name="original"/>; returns the copy.</summary>
    public static T Carry<T>(object original, T copy) where T : class
    {
        if (Map.TryGetValue(original, out var where)) Map.AddOrUpdate(copy, where);
        return copy;
    }

    /// <summary>
    /// A problem located at <paramref name="item"/> (at its property <paramref name="property"/> when
    /// given and present); at <paramref name="fallbackFile"/> alone when the item's source is unknown.
    /// </summary>
    public static Problem At(object item, string? property, string fallbackFile, string message, Severity severity = Severity.Error)
    {
        if (!Map.TryGetValue(item, out var where)) return new Problem(severity, message, fallbackFile);
        var token = where.Token;
        if (property is not null && token is JObject o && JsonFields.Get(o, property) is { } p) token = p;
        return JsonDocumentReader.At(token, where.File, message, severity);
    }
}
