using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Data;

/// <summary>
/// Who the commune is. District is optional: the district level was abolished on 1 July 2025,
/// while data from before then still names one.
/// </summary>
/// <param name="Name">Commune name, e.g. "Cẩm Thành".</param>
/// <param name="Code">Official commune code (mã xã), when known.</param>
/// <param name="District">Former district (huyện), when the data predates July 2025.</param>
/// <param name="Province">Province (tỉnh).</param>
public sealed record CommuneIdentity(string Name, string? Code, string? District, string? Province)
{
    /// <summary>
    /// The longest name, district or province accepted. The longest Vietnamese administrative names
    /// are a few dozen characters; a 30-million-character name took 28 s and 1,2 GB to print.
    /// </summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest commune code accepted (official codes have five digits).</summary>
    public const int MaxCodeLength = 50;

    /// <summary>Why <paramref name="text"/> is too long for identity field <paramref name="field"/>, or null.</summary>
    public static string? LengthProblem(string field, string text)
    {
        var max = field == "code" ? MaxCodeLength : MaxNameLength;
        return text.Length > max ? MessageText.Format(DataMessages.IdentityTooLong, field, text.Length, max) : null;
    }
}

/// <summary>
/// A commune merged into this one (the 2025 reorganisation of communes): lineage that lets a merged
/// commune be set beside its predecessors' records.
/// </summary>
/// <param name="Code">The former commune's official code (mã xã).</param>
/// <param name="Name">The former commune's name.</param>
/// <param name="MergedOn">The day the merger took effect.</param>
/// <param name="District">The former commune's district, when known.</param>
public sealed record FormerUnit(string Code, string Name, DateOnly MergedOn, string? District);

/// <summary>The raw kind of value a data file gave for a measure, before it is checked against a set.</summary>
public enum RawValueKind
{
    /// <summary>A number.</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>Text (often a number written with a decimal comma, "90,06").</summary>
    Text,
    /// <summary>null: the figure is explicitly unknown.</summary>
    Null,
    /// <summary>An array or object: never valid.</summary>
    Other,
}

/// <summary>One measure value as a data file gave it, with its place in the file.</summary>
/// <param name="Key">The key as written.</param>
/// <param name="Kind">What was written.</param>
/// <param name="Number">The number, for <see cref="RawValueKind.Number"/>.</param>
/// <param name="Flag">The boolean, for <see cref="RawValueKind.Boolean"/>.</param>
/// <param name="Text">The text, for <see cref="RawValueKind.Text"/>; a description otherwise.</param>
/// <param name="Line">1-based line in the file, when known.</param>
/// <param name="Column">1-based column, when known.</param>
public sealed record RawMeasureValue(string Key, RawValueKind Kind, double Number, bool Flag, string Text, int? Line, int? Column);

/// <summary>
/// A commune's figures for one year (<c>ntm.commune-data/1</c>), as read from a file and not
/// yet checked against any criteria set.
/// </summary>
/// <param name="Commune">Identity.</param>
/// <param name="Region">The commune's region (vùng).</param>
/// <param name="SpecialDifficulty">Xã đặc biệt khó khăn or xã ATK: assessed at the TDMNPB thresholds.</param>
/// <param name="Year">Assessment year.</param>
/// <param name="AssessmentDate">Date of assessment; thresholds in force on it apply.</param>
/// <param name="Measures">Raw values by key, in file order.</param>
/// <param name="Sources">Per-measure notes on where each figure comes from.</param>
/// <param name="File">The file it was read from, as the user named it.</param>
/// <param name="ContentSha256">SHA-256 (hex) of the file's bytes.</param>
/// <param name="Narratives">Per indicator code, what the commune says for its plan; empty when none.</param>
/// <param name="Plan">The plan document's administrative details; null when none given.</param>
public sealed record CommuneData(
    CommuneIdentity Commune,
    Region Region,
    bool SpecialDifficulty,
    int Year,
    DateOnly AssessmentDate,
    IReadOnlyList<RawMeasureValue> Measures,
    IReadOnlyDictionary<string, string> Sources,
    string File,
    string ContentSha256,
    IReadOnlyDictionary<string, IndicatorNarrative>? Narratives = null,
    PlanDetails? Plan = null)
{
    /// <summary>
    /// The commune's group (xã nhóm 1, 2, 3) for sets that key thresholds by group (2026–2030);
    /// null when the data does not state it.
    /// </summary>
    public CommuneGroup? Group { get; init; }

    /// <summary>The communes merged into this one (<c>formerUnits</c>), in file order; empty when none.</summary>
    public IReadOnlyList<FormerUnit> FormerUnits { get; init; } = [];

    /// <summary>The region whose thresholds apply: TDMNPB for specially difficult communes (QĐ 318), else the commune's own.</summary>
    public Region ThresholdRegion => SpecialDifficulty ? Region.TDMNPB : Region;
}
