namespace NtmRules.Drafting.Model;

// The plan as templates see it. Every figure is already formatted the Vietnamese way (in
// PlanModelBuilder and its helpers, the one place that formats), so templates only arrange text.
// Scriban exposes these properties in snake_case: IssuingBody → issuing_body.

/// <summary>The whole draft plan.</summary>
public sealed record PlanDocument(
    PlanHeader Header,
    string Subject,
    IReadOnlyList<string> LegalBases,
    CommuneInfo Commune,
    SetInfo Set,
    PlanSummary Summary,
    IReadOnlyList<string> MetCriteria,
    IReadOnlyList<string> UnmetCriteria,
    IReadOnlyList<string> UnmeasuredCriteria,
    IReadOnlyList<CriterionSection> Sections,
    IReadOnlyList<MissingDataItem> MissingData,
    IReadOnlyList<OfficeAssignment> Assignments,
    IReadOnlyList<Milestone> Milestones,
    BudgetSummary Budget,
    IReadOnlyList<UnconfirmedThreshold> UnconfirmedThresholds,
    IReadOnlyList<string> Recipients,
    SignatureBlock Signature,
    int PlaceholderCount)
{
    /// <summary>The marker of a sentence the commune must write itself; <see cref="PlaceholderCount"/> counts them.</summary>
    public const string Placeholder = "[Dự thảo — cần bổ sung]";
}

/// <summary>
/// The two-column header and the place and date line. <see cref="ParentBody"/> is empty when the
/// issuing body has none (a commune People's Committee's plan from 1 July 2025).
/// </summary>
public sealed record PlanHeader(string ParentBody, string IssuingBody, string Number, string PlaceAndDate)
{
    /// <summary>The issuing body as its lines are set in bold: ["UBND XÃ CẨM THÀNH"], or ["ỦY BAN NHÂN DÂN", "XÃ CẨM THÀNH"].</summary>
    public IReadOnlyList<string> IssuingBodyLines { get; init; } = [IssuingBody];
}

/// <summary>The commune, as the plan names it; the plan runs from <see cref="StartYear"/> to <see cref="PlanYear"/>.</summary>
public sealed record CommuneInfo(string Name, string District, string Province, int Year, int PlanYear, string Region, int StartYear, string PeriodText);

/// <summary>The criteria set the plan is written against.</summary>
public sealed record SetInfo(string Id, string Name, string LevelName, string DecisionReference, string? PeriodWarning = null);

/// <summary>
/// The counts in the documents' own form. <see cref="Text"/>: "đạt 11/19 tiêu chí; 2 chỉ tiêu chưa
/// có số liệu". <see cref="IsDataChecklist"/>: most indicators lack data, so the draft is a list of
/// figures to collect rather than a plan, and says so on its first page.
/// </summary>
public sealed record PlanSummary(int CriteriaMet, int CriteriaTotal, int IndicatorsMet, int IndicatorsTotal,
    int IndicatorsNotMet, int IndicatorsMissingData, int IndicatorsNotApplicable, string Text, bool IsDataChecklist);

/// <summary>One criterion with its unmet indicators: "1.2.1. Tiêu chí số 5: Trường học".</summary>
public sealed record CriterionSection(string Number, int CriterionNumber, string CriterionName, string StatusLabel, IReadOnlyList<IndicatorSection> Items);

/// <summary>
/// One unmet indicator's nguyên nhân, mục tiêu, đề xuất. <see cref="Quantity"/> is the computed change
/// ("tăng số người tham gia bảo hiểm y tế thêm 318 người (từ 6.090 lên 6.408 người)"), empty for a
/// yes/no indicator. <see cref="ProposalIsDraft"/> marks a proposal neither the commune nor the
/// library wrote. <see cref="FootnoteNumber"/> (0 = none) points to the note on a threshold no
/// source confirms.
/// </summary>
public sealed record IndicatorSection(
    string Code, string Name, string StatusLabel,
    string CauseFigures, string Cause, string Target, string Quantity, string Proposal, bool ProposalIsDraft,
    string BudgetText, string FundingText, string Lead, string Support, string Due,
    int FootnoteNumber, string Footnote);

/// <summary>An indicator that cannot be judged for lack of figures: what to collect, who collects it, by when.</summary>
public sealed record MissingDataItem(string Code, string Name, IReadOnlyList<string> Figures, string CollectedBy, string Due);

/// <summary>Tasks led by one commune role (Phân công trách nhiệm).</summary>
public sealed record OfficeAssignment(string Office, IReadOnlyList<AssignedTask> Tasks);

/// <summary>One task in the assignment table.</summary>
public sealed record AssignedTask(string Code, string Name, string Quantity, string Support, string Due);

/// <summary>What is due in one quarter (Lộ trình thực hiện).</summary>
public sealed record Milestone(string Period, IReadOnlyList<string> Items);

/// <summary>Budget totals by source (Kinh phí), in triệu đồng, and every task that needs money.</summary>
public sealed record BudgetSummary(IReadOnlyList<BudgetLine> Lines, string TotalText, int ItemsWithoutEstimate, IReadOnlyList<BudgetItem> Items);

/// <summary>One funding source's total.</summary>
public sealed record BudgetLine(string Source, string AmountText);

/// <summary>One task in the budget table: what it buys (the computed quantity), its estimate or "chưa có dự toán", its source.</summary>
public sealed record BudgetItem(string Code, string Name, string Quantity, string AmountText, string Source);

/// <summary>
/// A threshold the draft relied on that no source in hand confirms (annex "Ngưỡng chưa được xác nhận").
/// The indicator's place in the decision and the source of the figure are kept apart, so that a
/// figure is never shown as the decision's own when it is assumed or taken from another text.
/// </summary>
/// <param name="Code">Indicator code.</param>
/// <param name="Name">Indicator wording.</param>
/// <param name="Threshold">The figure applied, e.g. "≤ 6,5%".</param>
/// <param name="State">"giả định" or "theo văn bản áp dụng".</param>
/// <param name="Source">The document that applies the figure (reported), or why it was assumed.</param>
/// <param name="Citation">Where the indicator stands in the set's decision (decision, annex, item).</param>
public sealed record UnconfirmedThreshold(string Code, string Name, string Threshold, string State, string Source, string Citation);

/// <summary>The signature block.</summary>
public sealed record SignatureBlock(string Authority, IReadOnlyList<string> Position, string Name);
