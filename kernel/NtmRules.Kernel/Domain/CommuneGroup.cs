using System.Globalization;
using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Domain;

/// <summary>
/// The three commune groups (xã nhóm 1, 2, 3) by which QĐ 51/2025/QĐ-TTg sets the 2026–2030
/// thresholds instead of regions. Which group a commune is in is stated by its data; the
/// definitions of the groups are in the decision.
/// </summary>
public enum CommuneGroup
{
    /// <summary>Xã nhóm 1.</summary>
    Group1 = 1,
    /// <summary>Xã nhóm 2.</summary>
    Group2 = 2,
    /// <summary>Xã nhóm 3.</summary>
    Group3 = 3,
}

/// <summary>Names and parsing of <see cref="CommuneGroup"/>.</summary>
public static class CommuneGroups
{
    /// <summary>All groups, 1 to 3.</summary>
    public static IReadOnlyList<CommuneGroup> All { get; } = Enum.GetValues<CommuneGroup>();

    /// <summary>The code data and plugins use: "1", "2" or "3".</summary>
    public static string Code(this CommuneGroup group) => ((int)group).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Vietnamese name, e.g. "xã nhóm 1".</summary>
    public static string VietnameseName(this CommuneGroup group) => group.Name(MessageText.Vietnamese);

    /// <summary>The name in <paramref name="language"/>: "xã nhóm 1", "commune group 1".</summary>
    public static string Name(this CommuneGroup group, CultureInfo language) => DomainText.Format(nameof(DomainMessages.CommuneGroupName), language, group.Code());

    /// <summary>What a user may write: 1, 2, 3, "nhóm 2", "xã nhóm 2" (with or without accents), said in the session's language.</summary>
    public static string Accepted => DomainMessages.GroupsAccepted;

    /// <summary>Parses "2", "nhóm 2", "nhom 2", "xã nhóm 2", ignoring case and spaces.</summary>
    public static bool TryParse(string? text, out CommuneGroup group)
    {
        group = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        foreach (var prefix in new[] { "xãnhóm", "xanhom", "nhóm", "nhom" })
        {
            if (t.StartsWith(prefix, StringComparison.Ordinal)) { t = t[prefix.Length..]; break; }
        }
        if (t is not ("1" or "2" or "3")) return false;
        group = (CommuneGroup)(t[0] - '0');
        return true;
    }
}
