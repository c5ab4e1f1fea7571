namespace NtmRules.Drafting.Library;

/// <summary>
/// A commune-level role that can lead (chủ trì) or support (phối hợp) a task of the plan, e.g.
/// <c>van-hoa-xa-hoi</c> "Công chức Văn hóa - Xã hội".
/// </summary>
/// <param name="Key">Stable key used in library files.</param>
/// <param name="Label">How the plan names it.</param>
public sealed record CommuneRole(string Key, string Label);

/// <summary>
/// The commune's own roles. A plan is the commune People's Committee's document: it assigns work
/// to the commune's officials and units, never to a higher level's offices (since 1 July 2025 there
/// is no district level at all; before it, district offices guided communes but did not carry out
/// their plans). What the commune cannot do alone becomes a request for support from above.
/// A province's plugin may rename these or add its own in its <c>templates/library.json</c>
/// (<c>roles</c>), and name the office that holds a role since 1 July 2025 (<c>offices</c>).
/// </summary>
public static class CommuneRoles
{
    /// <summary>The roles every plan can use, by key.</summary>
    public static IReadOnlyDictionary<string, CommuneRole> Defaults { get; } = new CommuneRole[]
    {
        new("van-phong-thong-ke", "Công chức Văn phòng - Thống kê"),
        new("tai-chinh-ke-toan", "Công chức Tài chính - Kế toán"),
        new("dia-chinh-xay-dung", "Công chức Địa chính - Xây dựng"),
        new("nong-nghiep-moi-truong", "Công chức Địa chính - Nông nghiệp - Môi trường"),
        new("tu-phap-ho-tich", "Công chức Tư pháp - Hộ tịch"),
        new("van-hoa-xa-hoi", "Công chức Văn hóa - Xã hội"),
        new("cong-an-xa", "Công an xã"),
        new("quan-su-xa", "Ban Chỉ huy Quân sự xã"),
        new("tram-y-te", "Trạm y tế xã"),
        new("truong-hoc", "Các trường học trên địa bàn xã"),
        new("hop-tac-xa", "Hợp tác xã"),
        new("mat-tran-doan-the", "Ủy ban MTTQ và các đoàn thể xã"),
        new("hoi-nong-dan", "Hội Nông dân xã"),
        new("hoi-phu-nu", "Hội Liên hiệp phụ nữ xã"),
        new("doan-thanh-nien", "Đoàn Thanh niên xã"),
        new("cac-thon", "Trưởng thôn, Ban phát triển các thôn"),
        new("ban-quan-ly-ntm", "Ban Quản lý xây dựng nông thôn mới xã"),
    }.ToDictionary(r => r.Key, StringComparer.Ordinal);

    /// <summary>
    /// The first day of two-level local government: plans dated from it assign the civil servants'
    /// fields to the commune's specialised offices (<see cref="Offices"/>).
    /// </summary>
    public static readonly DateOnly OfficesFrom = new(2025, 7, 1);

    /// <summary>
    /// Since 1 July 2025 the commune People's Committee has specialised offices (Nghị định
    /// 150/2025/NĐ-CP): Văn phòng HĐND và UBND (văn phòng, tư pháp), Phòng Kinh tế (tài chính –
    /// kế hoạch, xây dựng, nông nghiệp và môi trường) and Phòng Văn hóa - Xã hội. The civil-servant
    /// roles of the earlier communes map onto them by field; roles not listed (police, military,
    /// health station, schools, mass organisations, villages, the NTM board) keep their names.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Offices { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["van-phong-thong-ke"] = "Văn phòng HĐND và UBND xã",
        ["tu-phap-ho-tich"] = "Văn phòng HĐND và UBND xã",
        ["tai-chinh-ke-toan"] = "Phòng Kinh tế xã",
        ["dia-chinh-xay-dung"] = "Phòng Kinh tế xã",
        ["nong-nghiep-moi-truong"] = "Phòng Kinh tế xã",
        ["van-hoa-xa-hoi"] = "Phòng Văn hóa - Xã hội xã",
    };

    /// <summary>Who leads an indicator no library names: the commune's NTM management board.</summary>
    public const string Fallback = "ban-quan-ly-ntm";
}
