using System.Globalization;
using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Domain;

/// <summary>The verdict on one indicator or criterion.</summary>
public enum IndicatorStatus
{
    /// <summary>Đạt: the threshold is met.</summary>
    Dat,
    /// <summary>Chưa đạt: the threshold is not met.</summary>
    ChuaDat,
    /// <summary>Thiếu số liệu: a measure the rule needs is absent or invalid; never counts as met.</summary>
    ThieuSoLieu,
    /// <summary>Không áp dụng: the indicator's applicability condition ("nếu có") is false.</summary>
    KhongApDung,
}

/// <summary>Codes and labels of <see cref="IndicatorStatus"/>.</summary>
public static class IndicatorStatuses
{
    /// <summary>Machine code used in JSON output, e.g. <c>chua-dat</c>.</summary>
    public static string Code(this IndicatorStatus status) => status switch
    {
        IndicatorStatus.Dat => "dat",
        IndicatorStatus.ChuaDat => "chua-dat",
        IndicatorStatus.ThieuSoLieu => "thieu-so-lieu",
        IndicatorStatus.KhongApDung => "khong-ap-dung",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The Vietnamese label the documents and pages use, e.g. "chưa đạt".</summary>
    public static string Label(this IndicatorStatus status) => status.Label(MessageText.Vietnamese);

    /// <summary>The label in <paramref name="language"/>: "chưa đạt", "not met".</summary>
    public static string Label(this IndicatorStatus status, CultureInfo language) => DomainText.In(status switch
    {
        IndicatorStatus.Dat => nameof(DomainMessages.StatusMet),
        IndicatorStatus.ChuaDat => nameof(DomainMessages.StatusNotMet),
        IndicatorStatus.ThieuSoLieu => nameof(DomainMessages.StatusMissingData),
        IndicatorStatus.KhongApDung => nameof(DomainMessages.StatusNotApplicable),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    }, language);
}
