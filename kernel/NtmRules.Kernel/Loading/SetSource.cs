using NtmRules.Kernel.Domain;
using RulesEngine.Models;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// A criteria set as loading read it: the domain set together with its rules as the plugin writes
/// them, a RulesEngine <see cref="RulesEngine.Models.Workflow"/> (already flat when the set extends
/// another). Only loading and evaluation read the workflow; the domain type
/// <see cref="CriteriaSet"/> knows nothing of the engine.
/// </summary>
internal sealed class SetSource : CriteriaSet
{
    /// <summary>Creates a set read from <paramref name="definitionFile"/> with the workflow read from <paramref name="workflowFile"/>.</summary>
    public SetSource(
        string id, string name, Level level, LegalDecision decision, IReadOnlyList<LegalDecision> amendedBy,
        EffectivePeriod effective, IReadOnlyList<string> legalBases, IReadOnlyList<Measure> measures,
        IReadOnlyList<Criterion> criteria, Workflow workflow, PluginInfo plugin, string definitionFile, string workflowFile,
        SourceLocations locations)
        : base(id, name, level, decision, amendedBy, effective, legalBases, measures, criteria, plugin, definitionFile, workflowFile)
    {
        Workflow = workflow;
        Locations = locations;
    }

    /// <summary>The workflow as written in the plugin (before the host adds thresholds); for an extending set, the flat result.</summary>
    public Workflow Workflow { get; }

    /// <summary>Where the set's rules, params, indicators and threshold values were written, for the problems found when it is compiled.</summary>
    public SourceLocations Locations { get; }
}

/// <summary>The rules of a set read by the host, for the kernel's own assemblies (annex export, drafting) that start from a <see cref="CriteriaSet"/>.</summary>
internal static class SetSources
{
    /// <summary>The workflow of <paramref name="set"/>, which the host read; a set built otherwise has none.</summary>
    /// <exception cref="ArgumentException">The set was not read by the host.</exception>
    public static Workflow SourceWorkflow(this CriteriaSet set) =>
        set is SetSource source ? source.Workflow : throw new ArgumentException($"set {set.Id} was not read from a plugin: it has no rules", nameof(set));
}
