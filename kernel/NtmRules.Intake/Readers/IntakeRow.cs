using NtmRules.Kernel.Localization;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Data;

namespace NtmRules.Intake.Readers;

/// <summary>
/// One commune as a file gave it: either accepted (its data, every value valid) or rejected (the
/// problems that say why). Every row of a file ends as one of these: nothing is dropped silently.
/// </summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Sheet">The worksheet, for XLSX.</param>
/// <param name="Row">The row's 1-based number; null for a whole-file commune (JSON, form).</param>
/// <param name="Data">The commune's data when accepted; null when rejected.</param>
/// <param name="Problems">Errors (why rejected) and warnings.</param>
public sealed record IntakeRow(string File, string? Sheet, int? Row, CommuneData? Data, IReadOnlyList<IntakeProblem> Problems)
{
    /// <summary>Whether the row is evaluated.</summary>
    public bool Accepted => Data is not null;

    /// <summary>"file.xlsx, sheet Xã, row 5" or the file alone.</summary>
    public string Where => File + (Sheet is null ? "" : MessageText.Format(IntakeMessages.AtSheet, Sheet)) + (Row is { } r ? MessageText.Format(IntakeMessages.AtRow, r) : "");
}
