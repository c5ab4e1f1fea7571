namespace NtmRules.Kernel.Data;

/// <summary>Where the money for a task comes from, as plans group it (seed 003 §IV).</summary>
public enum FundingSource
{
    /// <summary>Ngân sách trung ương (<c>trung-uong</c>).</summary>
    CentralBudget,
    /// <summary>Ngân sách địa phương (<c>dia-phuong</c>).</summary>
    LocalBudget,
    /// <summary>Vốn lồng ghép các chương trình (<c>long-ghep</c>).</summary>
    Integrated,
    /// <summary>Huy động người dân, doanh nghiệp (<c>nguoi-dan</c>).</summary>
    People,
}

/// <summary>Codes and labels of <see cref="FundingSource"/>.</summary>
public static class FundingSources
{
    private static readonly (FundingSource Source, string Code, string Label)[] Table =
    [
        (FundingSource.CentralBudget, "trung-uong", "Ngân sách trung ương"),
        (FundingSource.LocalBudget, "dia-phuong", "Ngân sách địa phương"),
        (FundingSource.Integrated, "long-ghep", "Vốn lồng ghép"),
        (FundingSource.People, "nguoi-dan", "Huy động người dân"),
    ];

    /// <summary>All sources in the order plans list them.</summary>
    public static IReadOnlyList<FundingSource> All { get; } = Table.Select(t => t.Source).ToArray();

    /// <summary>The code used in data files.</summary>
    public static string Code(this FundingSource s) => Table.First(t => t.Source == s).Code;

    /// <summary>The Vietnamese label, e.g. "Ngân sách trung ương".</summary>
    public static string Label(this FundingSource s) => Table.First(t => t.Source == s).Label;

    /// <summary>Parses a code.</summary>
    public static bool TryParse(string? code, out FundingSource source)
    {
        foreach (var t in Table)
        {
            if (t.Code == code) { source = t.Source; return true; }
        }
        source = default;
        return false;
    }

    /// <summary>Codes, for messages.</summary>
    public static IEnumerable<string> Codes => Table.Select(t => t.Code);
}

/// <summary>
/// What the commune says about one indicator for its plan (all optional): why it is not met,
/// what it aims for and by when, what it proposes and what that costs.
/// </summary>
/// <param name="Cause">Nguyên nhân, in the commune's words.</param>
/// <param name="Target">Mục tiêu, in the commune's words.</param>
/// <param name="TargetDate">By when.</param>
/// <param name="Proposal">Đề xuất.</param>
/// <param name="BudgetMillionVnd">Estimated cost, in triệu đồng.</param>
/// <param name="FundingSource">Where the money comes from.</param>
/// <param name="LeadOffice">Who leads the task (overrides the set's responsible office).</param>
/// <param name="Quarter">Quarter of the plan year the task is due, 1–4.</param>
public sealed record IndicatorNarrative(
    string? Cause, string? Target, DateOnly? TargetDate, string? Proposal, double? BudgetMillionVnd,
    FundingSource? FundingSource, string? LeadOffice, int? Quarter);

/// <summary>Who signs a plan, as the signature block writes it.</summary>
/// <param name="Authority">"TM. ỦY BAN NHÂN DÂN".</param>
/// <param name="Position">"KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", one line each.</param>
/// <param name="Name">"Cao Tiến Dũng".</param>
public sealed record Signer(string Authority, IReadOnlyList<string> Position, string Name);

/// <summary>
/// The administrative details of the commune's plan document (all optional; defaults are derived
/// from the commune and the evaluation).
/// </summary>
/// <param name="IssuingBody">"UBND XÃ CẨM THÀNH".</param>
/// <param name="ParentBody">The line above it, e.g. "UBND HUYỆN CẨM THỦY"; none since districts were abolished.</param>
/// <param name="Number">"…/KH-UBND" or an actual number.</param>
/// <param name="Place">Place written before the date: "Cẩm Thành".</param>
/// <param name="Date">Date of the plan.</param>
/// <param name="Year">The year the plan aims at ("phấn đấu đến cuối năm …").</param>
/// <param name="Subject">The plan's subject line.</param>
/// <param name="LegalBases">Căn cứ added to the set's own.</param>
/// <param name="Signer">Signature block.</param>
/// <param name="Recipients">Nơi nhận.</param>
public sealed record PlanDetails(
    string? IssuingBody, string? ParentBody, string? Number, string? Place, DateOnly? Date, int? Year, string? Subject,
    IReadOnlyList<string> LegalBases, Signer? Signer, IReadOnlyList<string> Recipients);
