using System.Globalization;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Localization;
using NtmRules.Kernel.Testing;

namespace NtmRules.Cli.Localization;

/// <summary>
/// The words and figures of the province-side commands' reports in the session's language. The domain's labels
/// and figures come from the kernel's members that take a language (<see cref="IndicatorStatuses.Label(IndicatorStatus, CultureInfo)"/>,
/// <see cref="DisplayFormat"/>, <see cref="MessageText"/>), the same words the evaluation's outputs use; only the
/// wording particular to these reports (whose figure, what cases are missing) is the CLI's own.
/// </summary>
internal static class SessionText
{
    private static CultureInfo Session => CultureInfo.CurrentUICulture;

    /// <summary>"đạt", "chưa đạt", … or "met", "not met", ….</summary>
    public static string Status(IndicatorStatus status) => status.Label(Session);

    /// <summary>"đã xác nhận", "theo văn bản áp dụng", "giả định", or "confirmed", "reported", "assumed".</summary>
    public static string Provenance(ProvenanceState state) => state.Name(Session);

    /// <summary>"12 đã xác nhận, 3 theo văn bản áp dụng, 40 giả định": the set's figures per provenance state.</summary>
    public static string ProvenanceSummary(CriteriaSet set) =>
        string.Join(", ", ProvenanceStates.All.Select(s => $"{MessageText.Count(set.CountFigures(s))} {Provenance(s)}"));

    /// <summary>"từ 08/03/2022 đến 31/12/2025" or "from 2022-03-08 to 2025-12-31".</summary>
    public static string Period(EffectivePeriod period) => period.Text(Session);

    /// <summary>Who signed a plugin: "đã ký bởi … (khóa …)" or "signed by … (key …)".</summary>
    public static string Signature(PluginSignature signature) => signature.LabelIn(Session);

    /// <summary>Whose figure: "mức chung", "vùng DBSH", "xã nhóm 1", or "general figure", "region DBSH", "commune group 1".</summary>
    public static string Place(CommuneGroup? group, Region? region) =>
        group is { } g ? MessageText.Format(PluginMessages.PlaceGroup, g.Code())
        : region is { } r ? MessageText.Format(PluginMessages.PlaceRegion, r.Code())
        : PluginMessages.PlaceGeneral;

    /// <summary>What cases an uncovered indicator lacks.</summary>
    public static string Missing(IndicatorCoverage coverage) => (coverage.HasPassingCase, coverage.HasFailingCase) switch
    {
        (false, false) => PluginMessages.MissingBothCases,
        (false, true) => PluginMessages.MissingPassingCase,
        _ => PluginMessages.MissingFailingCase,
    };
}
