using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using RulesEngine.Models;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Locates the problems found about a set's nodes after reading. Rules and params carry their
/// location themselves (<see cref="LocatedRule"/>, <see cref="LocatedParam"/>). Indicators and
/// threshold values are domain records, which know nothing of JSON: the set keeps their locations
/// beside them here, by reference (two equal records written in two places are two nodes). A
/// set that extends another starts from its base's, so a threshold value it inherits unchanged is
/// still located in the base's file; a node the host made (a copy with an assumed provenance, an
/// inherited indicator) has none and is located at the fallback file.
/// </summary>
internal sealed class SourceLocations
{
    private readonly Dictionary<object, SourceLocation> _domain = new(ReferenceEqualityComparer.Instance);

    /// <summary>An empty table, for a set that extends nothing.</summary>
    public SourceLocations()
    {
    }

    /// <summary>A table starting with the locations of <paramref name="inherited"/> (a base set's).</summary>
    public SourceLocations(SourceLocations inherited)
    {
        foreach (var (node, at) in inherited._domain) _domain[node] = at;
    }

    /// <summary>Records that <paramref name="indicator"/> was read at <paramref name="at"/>.</summary>
    public void Add(Indicator indicator, SourceLocation at) => _domain[indicator] = at;

    /// <summary>Records that <paramref name="value"/> was read at <paramref name="at"/>.</summary>
    public void Add(ThresholdValue value, SourceLocation at) => _domain[value] = at;

    /// <summary>Gives <paramref name="copy"/> (a <c>with</c> copy) the location of <paramref name="original"/>; returns the copy.</summary>
    public Indicator Carry(Indicator original, Indicator copy)
    {
        if (_domain.TryGetValue(original, out var at)) _domain[copy] = at;
        return copy;
    }

    /// <summary>A problem at <paramref name="rule"/>'s property <paramref name="property"/>; at <paramref name="fallbackFile"/> for a rule the host made.</summary>
    public Problem At(Rule rule, string? property, string fallbackFile, string message) =>
        SourceLocation.At((rule as LocatedRule)?.Source, property, fallbackFile, message);

    /// <summary>A problem at <paramref name="param"/>'s property <paramref name="property"/>; at <paramref name="fallbackFile"/> for a param the host made.</summary>
    public Problem At(ScopedParam param, string? property, string fallbackFile, string message) =>
        SourceLocation.At((param as LocatedParam)?.Source, property, fallbackFile, message);

    /// <summary>A problem at <paramref name="indicator"/>'s property <paramref name="property"/>; at <paramref name="fallbackFile"/> when it was not read as it is.</summary>
    public Problem At(Indicator indicator, string? property, string fallbackFile, string message) =>
        SourceLocation.At(_domain.GetValueOrDefault(indicator), property, fallbackFile, message);

    /// <summary>A problem at <paramref name="value"/>'s property <paramref name="property"/>; at <paramref name="fallbackFile"/> when it was not read as it is.</summary>
    public Problem At(ThresholdValue value, string? property, string fallbackFile, string message) =>
        SourceLocation.At(_domain.GetValueOrDefault(value), property, fallbackFile, message);
}
