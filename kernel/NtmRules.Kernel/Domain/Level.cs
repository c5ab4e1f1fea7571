using System.Globalization;
using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Domain;

/// <summary>The recognition level a criteria set judges (mức đạt chuẩn).</summary>
public enum Level
{
    /// <summary>Xã nông thôn mới (<c>xa-ntm</c>).</summary>
    XaNtm,
    /// <summary>Xã nông thôn mới nâng cao (<c>xa-ntm-nang-cao</c>).</summary>
    XaNtmNangCao,
    /// <summary>Xã nông thôn mới kiểu mẫu (<c>xa-ntm-kieu-mau</c>).</summary>
    XaNtmKieuMau,
    /// <summary>Thôn/bản/xóm, khu dân cư nông thôn mới (<c>thon-ntm</c>).</summary>
    ThonNtm,
    /// <summary>Thôn/bản/xóm, khu dân cư nông thôn mới kiểu mẫu (<c>thon-ntm-kieu-mau</c>).</summary>
    ThonNtmKieuMau,
}

/// <summary>Codes and names of <see cref="Level"/>.</summary>
public static class Levels
{
    /// <summary>Each level, its code and the resource key of its name.</summary>
    private static readonly (Level Level, string Code, string NameKey)[] Table =
    [
        (Level.XaNtm, "xa-ntm", nameof(DomainMessages.LevelXaNtm)),
        (Level.XaNtmNangCao, "xa-ntm-nang-cao", nameof(DomainMessages.LevelXaNtmNangCao)),
        (Level.XaNtmKieuMau, "xa-ntm-kieu-mau", nameof(DomainMessages.LevelXaNtmKieuMau)),
        (Level.ThonNtm, "thon-ntm", nameof(DomainMessages.LevelThonNtm)),
        (Level.ThonNtmKieuMau, "thon-ntm-kieu-mau", nameof(DomainMessages.LevelThonNtmKieuMau)),
    ];

    /// <summary>The code used in set files, e.g. <c>xa-ntm-nang-cao</c>.</summary>
    public static string Code(this Level level) => Table.First(t => t.Level == level).Code;

    /// <summary>The Vietnamese name, e.g. "xã nông thôn mới nâng cao".</summary>
    public static string VietnameseName(this Level level) => level.Name(MessageText.Vietnamese);

    /// <summary>The name in <paramref name="language"/>: "xã nông thôn mới nâng cao", "advanced new rural commune".</summary>
    public static string Name(this Level level, CultureInfo language) => DomainText.In(Table.First(t => t.Level == level).NameKey, language);

    /// <summary>Parses a level code.</summary>
    public static bool TryParse(string? code, out Level level)
    {
        foreach (var t in Table)
        {
            if (t.Code == code) { level = t.Level; return true; }
        }
        level = default;
        return false;
    }

    /// <summary>All codes, for error messages.</summary>
    public static IEnumerable<string> Codes => Table.Select(t => t.Code);
}
