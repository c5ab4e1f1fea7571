namespace NtmRules.Drafting.Model;

// The plan as templates see it. Every figure is already formatted the Vietnamese way (in
// PlanModelBuilder, the one place that formats), so templates only arrange text. Scriban exposes
// these properties in snake_case: IssuingBody → issuing_body.

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
    IReadOnlyList<CriterionSection> Sections,
    IReadOnlyList<OfficeAssignment> Assignments,
    BudgetSummary Budget,
    IReadOnlyList<string> Recipients,
    SignatureBlock Signature);

/// <summary>The two-column header and the place and date line.</summary>
public sealed record PlanHeader(string ParentBody, string IssuingBody, string Number, string PlaceAndDate);

/// <summary>The commune, as the plan names it.</summary>
public sealed record CommuneInfo(string Name, string District, string Province, int Year, int PlanYear, string Region);

/// <summary>The criteria set the plan is written against.</summary>
public sealed record SetInfo(string Id, string Name, string LevelName, string DecisionReference);

/// <summary>The counts in the documents' own form.</summary>
public sealed record PlanSummary(int CriteriaMet, int CriteriaTotal, int IndicatorsMet, int IndicatorsTotal,
    int IndicatorsNotMet, int IndicatorsMissingData, int IndicatorsNotApplicable, string Text);

/// <summary>One criterion with its unmet or unmeasured indicators: "1.2.1. Tiêu chí số 5: Trường học".</summary>
public sealed record CriterionSection(string Number, int CriterionNumber, string CriterionName, string StatusLabel, IReadOnlyList<IndicatorSection> Items);

/// <summary>
/// One indicator's nguyên nhân, mục tiêu, đề xuất. <see cref="ProposalIsDraft"/> marks a proposal the
/// host wrote from the indicator's metadata for the commune to complete.
/// </summary>
public sealed record IndicatorSection(
    string Code, string Name, string StatusLabel, bool IsMissingData,
    string CauseFigures, string CauseCommune, string Target, string Proposal, bool ProposalIsDraft,
    string BudgetText, string FundingText, string LeadOffice, string Due);

/// <summary>Tasks of one office (Phân công trách nhiệm).</summary>
public sealed record OfficeAssignment(string Office, IReadOnlyList<AssignedTask> Tasks);

/// <summary>One task in the assignment table.</summary>
public sealed record AssignedTask(string Code, string Name, string Due);

/// <summary>Budget totals by source (Kinh phí), in triệu đồng.</summary>
public sealed record BudgetSummary(IReadOnlyList<BudgetLine> Lines, string TotalText, int ItemsWithoutEstimate);

/// <summary>One funding source's total.</summary>
public sealed record BudgetLine(string Source, string AmountText);

/// <summary>The signature block.</summary>
public sealed record SignatureBlock(string Authority, IReadOnlyList<string> Position, string Name);
