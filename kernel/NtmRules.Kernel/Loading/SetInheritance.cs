using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Resolves a set that <c>extends</c> another (a province's set specialising the national one) into
/// an ordinary flat <see cref="CriteriaSet"/> and workflow, before any rule is registered with
/// RulesEngine — whose own <c>WorkflowsToInject</c> re-appends injected rules on every compile and
/// is not used. Every indicator of the result records where it came from (<see cref="IndicatorOrigin"/>)
/// and every replaced threshold is kept, so results and traces can say
/// "ngưỡng theo QĐ 32/2022/QĐ-UBND, thay cho QĐ 318/QĐ-TTg". Format: <c>docs/criteria-set-format.md</c>.
/// </summary>
internal static class SetInheritance
{
    /// <summary>The fields every set file has, read by <see cref="CriteriaSetReader"/>.</summary>
    internal sealed record Header(string? Id, string? Name, Level? Level, LegalDecision? Decision,
        IReadOnlyList<LegalDecision> AmendedBy, EffectivePeriod? Effective, IReadOnlyList<string> LegalBases);

    /// <summary>Fields an <c>override</c> entry may change, in the order reports list them.</summary>
    internal static readonly string[] OverridableFields = ["code", "name", "value", "responsibleOffice", "applicableWhen", "rule", "threshold"];

    /// <summary>
    /// The id a set file declares and the id of the set it extends (either null when absent, or
    /// when the file cannot be read: <see cref="CriteriaSetReader.Read"/> reports that). Lets the
    /// host find clashing ids and order sets so that a base is read before the sets extending it.
    /// </summary>
    public static (string? Id, string? Base) Peek(string setPath)
    {
        try
        {
            if (JsonDocumentReader.Load(setPath, setPath, []) is not JObject root) return (null, null);
            var id = JsonFields.Get(root, "id") is { Type: JTokenType.String } i ? (string)i! : null;
            var ext = JsonFields.Get(root, "extends") is JObject o && JsonFields.Get(o, "set") is { Type: JTokenType.String } s ? (string)s! : null;
            return (id, ext);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, null);
        }
    }

    /// <summary>Reads the extending set <paramref name="root"/> and resolves it against its base (the steps are in <see cref="ExtendingSet"/>).</summary>
    public static SetSource? Read(JObject root, JToken extendsToken, Header header, JsonFields f, PluginInfo plugin, string setPath,
        Func<string, SetSource?>? findBase, int errorsBefore, Func<string, string>? whyMissing, List<SetSource>? partial = null) =>
        ExtendingSet.Read(root, extendsToken, header, f, plugin, setPath, findBase, errorsBefore, whyMissing, partial);

    /// <summary>The decision the values of <paramref name="t"/> cite ("318/QĐ-TTg"); several joined when they differ.</summary>
    internal static string DecisionOf(Threshold t, CriteriaSet set)
    {
        var decisions = t.Values.Select(v => v.Citation.Decision).Distinct(StringComparer.Ordinal).ToArray();
        return decisions.Length == 0 ? set.Decision.Number : string.Join(", ", decisions);
    }

    internal static Threshold MarkAssumed(Threshold t, CriteriaSet baseSet, LegalDecision decision, string reason) =>
        new(t.Operator, t.Values.Select(v => v with
        {
            General = v.General is null ? null : Assume(v.General, v, baseSet, decision, reason),
            ByRegion = v.ByRegion.ToDictionary(kv => kv.Key, kv => Assume(kv.Value, v, baseSet, decision, reason)),
            ByGroup = v.ByGroup.ToDictionary(kv => kv.Key, kv => Assume(kv.Value, v, baseSet, decision, reason)),
        }));

    private static ThresholdFigure Assume(ThresholdFigure figure, ThresholdValue value, CriteriaSet baseSet, LegalDecision decision, string reason) =>
        figure with
        {
            // The reason is data of the set (its provenance, quoted by plans), so it is written in Vietnamese whatever the session speaks.
            Provenance = ThresholdProvenance.Assumed(DomainText.Format(nameof(DomainMessages.InheritedNotChecked), MessageText.Vietnamese,
                baseSet.Id, value.Citation.Decision, figure.Provenance.State.Name(MessageText.Vietnamese), decision.Number, reason)),
        };
}