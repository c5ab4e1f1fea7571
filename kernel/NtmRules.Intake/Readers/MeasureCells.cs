using NtmRules.Kernel.Localization;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Readers;

/// <summary>
/// Turns spreadsheet cells into the raw values a JSON file would give, then checks them with the
/// kernel's <see cref="MeasureValues"/> (types, ranges), so that a cell and a JSON value are judged
/// by the same rules. Numbers in text go through <see cref="NumberText"/>: "90,06" is read, "1.784"
/// is 1784 for a count and ambiguous for a decimal figure, "1.784,5,2" is refused as ambiguous. A blank cell is missing data, never zero.
/// </summary>
public static class MeasureCells
{
    /// <summary>A measure cell with its place.</summary>
    public readonly record struct Located(Measure Measure, SourceCell Cell, int Row, int Column);

    /// <summary>
    /// The commune's data built from its identity and measure cells, or null with errors in
    /// <paramref name="problems"/> when any cell is rejected.
    /// </summary>
    public static CommuneData? Build(CriteriaSet set, (CommuneIdentity Commune, Region Region, CommuneGroup? Group, bool Special, int Year, DateOnly Date) identity,
        IEnumerable<Located> cells, IReadOnlyDictionary<string, string> sources, string file, string? sheet, string hash,
        List<IntakeProblem> problems, IReadOnlyDictionary<string, IndicatorNarrative>? narratives = null)
    {
        var before = problems.Count;
        var raws = new List<RawMeasureValue>();
        var byKey = new Dictionary<string, Located>(StringComparer.Ordinal);
        foreach (var c in cells)
        {
            if (c.Cell.IsBlank) continue;
            byKey[c.Measure.Key] = c;
            var raw = ToRaw(c, out var reason);
            if (raw is null) problems.Add(Problem(c, reason!));
            else raws.Add(raw);
        }
        var data = new CommuneData(identity.Commune, identity.Region, identity.Special, identity.Year, identity.Date, raws, sources, file, hash, narratives) { Group = identity.Group };
        foreach (var p in MeasureValues.Check(data, set).Problems.Where(p => p.Severity == Severity.Error))
        {
            var key = p.Field is { } f && f.StartsWith("measures.", StringComparison.Ordinal) ? f["measures.".Length..] : null;
            problems.Add(key is not null && byKey.TryGetValue(key, out var at)
                ? Problem(at, p.Message)
                : new IntakeProblem(Severity.Error, file, sheet, p.Line, null, key, null, p.Message));
        }
        return problems.Count > before ? null : data;

        IntakeProblem Problem(Located at, string reason) =>
            new(Severity.Error, file, sheet, at.Row, ColumnNames.Of(at.Column), at.Measure.Key, at.Cell.Text, reason);
    }

    private static RawMeasureValue? ToRaw(Located c, out string? reason)
    {
        reason = SafeText.Problem(c.Cell.Text, multiLine: false);
        if (reason is not null) return null;
        var text = c.Cell.Text.Trim();
        var m = c.Measure;
        if (m.Type == MeasureType.Boolean)
        {
            if (IdentityFields.TryFlag(text, out var flag)) return new RawMeasureValue(m.Key, RawValueKind.Boolean, 0, flag, text, c.Row, c.Column);
            return new RawMeasureValue(m.Key, RawValueKind.Text, 0, false, text, c.Row, c.Column); // the kernel says why
        }
        if (c.Cell.IsNumber && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var stored) && double.IsFinite(stored))
            return new RawMeasureValue(m.Key, RawValueKind.Number, stored, false, text, c.Row, c.Column);
        var count = m.Type == MeasureType.Integer;
        switch (NumberText.Parse(text, count, out var value))
        {
            case NumberTextKind.Number:
                return new RawMeasureValue(m.Key, RawValueKind.Number, value, false, text, c.Row, c.Column);
            case NumberTextKind.Ambiguous:
                reason = MessageText.Format(IntakeMessages.MeasureAmbiguous, SafeText.Excerpt(text), NumberText.AmbiguityHint(text, count));
                return null;
            default:
                reason = MessageText.Format(IntakeMessages.MeasureNotNumber, m.Label, SafeText.Excerpt(text));
                return null;
        }
    }

    /// <summary>SHA-256 (hex) of a row's cells joined by tabs, so that an evaluation traces back to the row it came from.</summary>
    public static string RowHash(RawRow row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\t', row.Cells.Select(c => c.Text)))));
}
