using System.Globalization;
using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Domain;

/// <summary>
/// The seven socio-economic regions (vùng) by which QĐ 318/QĐ-TTg varies thresholds.
/// Codes are the initials of the Vietnamese names and are what data and plugins use.
/// </summary>
public enum Region
{
    /// <summary>Trung du và miền núi phía Bắc.</summary>
    TDMNPB,
    /// <summary>Đồng bằng sông Hồng.</summary>
    DBSH,
    /// <summary>Bắc Trung Bộ.</summary>
    BTB,
    /// <summary>Duyên hải Nam Trung Bộ.</summary>
    DHNTB,
    /// <summary>Tây Nguyên.</summary>
    TN,
    /// <summary>Đông Nam Bộ.</summary>
    DNB,
    /// <summary>Đồng bằng sông Cửu Long.</summary>
    DBSCL,
}

/// <summary>Names and parsing of <see cref="Region"/>.</summary>
public static class Regions
{

    /// <summary>All regions in the decision's order.</summary>
    public static IReadOnlyList<Region> All { get; } = Enum.GetValues<Region>();

    /// <summary>The Vietnamese name, e.g. "Bắc Trung Bộ".</summary>
    public static string VietnameseName(this Region region) => region.Name(MessageText.Vietnamese);

    /// <summary>The name in <paramref name="language"/>: "Bắc Trung Bộ", "North Central Coast".</summary>
    public static string Name(this Region region, CultureInfo language) => DomainText.In("Region" + region.Code(), language);

    /// <summary>Every code with its name in <paramref name="language"/>, for the messages that refuse a region: "TDMNPB (Trung du và miền núi phía Bắc), …".</summary>
    public static string Listing(CultureInfo language) => string.Join(", ", All.Select(r => $"{r.Code()} ({r.Name(language)})"));

    /// <summary>The code, e.g. "BTB".</summary>
    public static string Code(this Region region) => region.ToString();

    /// <summary>Parses a code ("BTB") or a Vietnamese name ("Bắc Trung Bộ"), ignoring case.</summary>
    public static bool TryParse(string? text, out Region region)
    {
        region = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim().Normalize(System.Text.NormalizationForm.FormC);
        foreach (var r in All)
        {
            if (string.Equals(r.ToString(), trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(r.VietnameseName(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                region = r;
                return true;
            }
        }
        return false;
    }
}
