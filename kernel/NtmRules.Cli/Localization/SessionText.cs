using System.Globalization;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Localization;
using NtmRules.Kernel.Testing;

namespace NtmRules.Cli.Localization;

/// <summary>
/// The words and figures of the province-side commands' reports in the session's language. The kernel's own
/// members (<see cref="IndicatorStatuses.Label"/>, <see cref="VietnameseFormat"/>, …) stay Vietnamese because
/// plans, plugins and pages use them; here Vietnamese keeps their wording and numbers ("12,5 km"), English gets
/// its own ("12.5 km").
/// </summary>
internal static class SessionText
{
    /// <summary>"đạt", "chưa đạt", … or "met", "not met", ….</summary>
    public static string Status(IndicatorStatus status) => status switch
    {
        IndicatorStatus.Dat => PluginMessages.StatusDat,
        IndicatorStatus.ChuaDat => PluginMessages.StatusChuaDat,
        IndicatorStatus.ThieuSoLieu => PluginMessages.StatusThieuSoLieu,
        _ => PluginMessages.StatusKhongApDung,
    };

    /// <summary>"đã xác nhận", "theo văn bản áp dụng", "giả định", or "confirmed", "reported", "assumed".</summary>
    public static string Provenance(ProvenanceState state) => state switch
    {
        ProvenanceState.Confirmed => PluginMessages.ProvenanceConfirmed,
        ProvenanceState.Reported => PluginMessages.ProvenanceReported,
        _ => PluginMessages.ProvenanceAssumed,
    };

    /// <summary>"12 đã xác nhận, 3 theo văn bản áp dụng, 40 giả định": the set's figures per provenance state.</summary>
    public static string ProvenanceSummary(CriteriaSet set) =>
        string.Join(", ", ProvenanceStates.All.Select(s => $"{MessageText.Count(set.CountFigures(s))} {Provenance(s)}"));

    /// <summary>A figure with up to <paramref name="decimals"/> decimals: "1.784", "12,5" in Vietnamese, "1,784", "12.5" in English.</summary>
    public static string Number(double value, int decimals = 2)
    {
        if (!MessageText.InEnglish) return VietnameseFormat.Number(value, decimals);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>Exactly <paramref name="decimals"/> decimals: "15,0" or "15.0".</summary>
    public static string Fixed(double value, int decimals) =>
        MessageText.InEnglish ? value.ToString("#,0." + new string('0', decimals), CultureInfo.InvariantCulture) : VietnameseFormat.Fixed(value, decimals);

    /// <summary>A value with its unit: "12,33%", "1.784 hộ", "có"; "12.33%", "1,784 hộ", "yes" in English (units are the plugin's data).</summary>
    public static string Value(Scalar value, string unit)
    {
        if (value.Kind == ScalarKind.Boolean) return value.Flag ? PluginMessages.ValueYes : PluginMessages.ValueNo;
        var n = Number(value.Number);
        return unit.Length == 0 ? n : unit == "%" ? n + "%" : n + " " + unit;
    }

    /// <summary>A threshold as people read it: "≤ 6,5%", or "đạt"/"không" ("met"/"no") for a yes/no requirement.</summary>
    public static string Threshold(ResolvedThreshold threshold, string unit)
    {
        if (threshold.Value.Kind == ScalarKind.Boolean) return threshold.Value.Flag ? PluginMessages.StatusDat : PluginMessages.ValueNo;
        return threshold.Operator.DisplaySymbol() + " " + Value(threshold.Value, unit);
    }

    /// <summary>"từ 08/03/2022 đến 31/12/2025" or "from 2022-03-08 to 2025-12-31".</summary>
    public static string Period(EffectivePeriod period) => period.To is { } to
        ? MessageText.Format(PluginMessages.PeriodFromTo, MessageText.Date(period.From), MessageText.Date(to))
        : MessageText.Format(PluginMessages.PeriodFrom, MessageText.Date(period.From));

    /// <summary>Whose figure: "mức chung", "vùng DBSH", "xã nhóm 1", or "general figure", "region DBSH", "commune group 1".</summary>
    public static string Place(CommuneGroup? group, Region? region) =>
        group is { } g ? MessageText.Format(PluginMessages.PlaceGroup, g.Code())
        : region is { } r ? MessageText.Format(PluginMessages.PlaceRegion, r.Code())
        : PluginMessages.PlaceGeneral;

    /// <summary>
    /// Who signed a plugin: "đã ký bởi … (khóa …)" or "signed by … (key …)". A signature not checked keeps the kernel's
    /// Vietnamese label, which alone knows the Vietnamese of its reason; its reason is English already.
    /// </summary>
    public static string Signature(PluginSignature signature) => signature.Status switch
    {
        PluginSignatureStatus.Bundled => PluginMessages.SignatureBundled,
        PluginSignatureStatus.Signed => MessageText.Format(PluginMessages.SignatureSigned, signature.KeyName, signature.KeyId),
        PluginSignatureStatus.UnsignedAllowed => MessageText.Format(PluginMessages.SignatureUnsignedAllowed, signature.Reason),
        _ => MessageText.InEnglish ? MessageText.Format(PluginMessages.SignatureNotChecked, signature.Reason) : signature.Label,
    };

    /// <summary>What cases an uncovered indicator lacks.</summary>
    public static string Missing(IndicatorCoverage coverage) => (coverage.HasPassingCase, coverage.HasFailingCase) switch
    {
        (false, false) => PluginMessages.MissingBothCases,
        (false, true) => PluginMessages.MissingPassingCase,
        _ => PluginMessages.MissingFailingCase,
    };
}
