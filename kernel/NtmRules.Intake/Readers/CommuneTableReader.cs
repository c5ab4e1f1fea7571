using NtmRules.Kernel.Localization;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Readers;

/// <summary>
/// Reads a table with one commune per row: header cells are identity keys (<see cref="IdentityFields.Keys"/>,
/// any order; district optional) and measure keys of the set. Every row becomes an <see cref="IntakeRow"/>:
/// accepted when all its cells are valid, rejected with one problem per bad cell otherwise.
/// </summary>
public sealed class CommuneTableReader
{
    /// <summary>Ignored columns named in the warning; more are counted (a header of 100.000 made-up columns made a 700 KB line).</summary>
    private const int ColumnsListed = 20;

    private static readonly IReadOnlyDictionary<string, string> NoSources = new Dictionary<string, string>();

    private static readonly (CommuneIdentity, Region, CommuneGroup?, bool, int, DateOnly) Placeholder =
        (new CommuneIdentity("?", null, null, null), default, null, false, 2000, new DateOnly(2000, 12, 31));

    private readonly RawTable _table;
    private readonly CriteriaSet _set;
    private readonly Dictionary<string, int> _identity = new(StringComparer.Ordinal);
    private readonly List<(Measure Measure, int Index)> _measures = [];

    private CommuneTableReader(RawTable table, CriteriaSet set, List<IntakeProblem> warnings)
    {
        _table = table;
        _set = set;
        Warnings = warnings;
    }

    /// <summary>Header warnings: columns the set does not use (ignored).</summary>
    public IReadOnlyList<IntakeProblem> Warnings { get; }

    /// <summary>
    /// Checks the header. Throws <see cref="InputException"/> when a required identity column is
    /// missing or a column appears twice: then no row can be read correctly.
    /// </summary>
    public static CommuneTableReader Open(RawTable table, CriteriaSet set)
    {
        var warnings = new List<IntakeProblem>();
        var errors = new List<Problem>();
        var reader = new CommuneTableReader(table, set, warnings);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        for (var i = 0; i < table.Header.Count; i++)
        {
            var key = SafeText.Visible(table.Header[i].TrimStart('\uFEFF').Trim());
            if (key.Length == 0) continue;
            if (!seen.Add(key))
            {
                errors.Add(new IntakeProblem(Severity.Error, table.File, table.Sheet, table.HeaderRow, ColumnNames.Of(i + 1), key, null, MessageText.Format(IntakeMessages.ColumnTwice, key)).ToProblem());
                continue;
            }
            if (IdentityFields.Keys.Contains(key)) reader._identity[key] = i;
            else if (set.MeasuresByKey.TryGetValue(key, out var measure)) reader._measures.Add((measure, i));
            else ignored.Add(key);
        }
        foreach (var key in IdentityFields.Required.Where(k => !reader._identity.ContainsKey(k)))
            errors.Add(new IntakeProblem(Severity.Error, table.File, table.Sheet, table.HeaderRow, null, key, null,
                MessageText.Format(IntakeMessages.HeaderMissingColumn, key, string.Join(", ", IdentityFields.Required), set.Id)).ToProblem());
        if (errors.Count > 0) throw new InputException(errors);
        if (ignored.Count > 0)
            warnings.Add(new IntakeProblem(Severity.Warning, table.File, table.Sheet, table.HeaderRow, null, null, null,
                MessageText.Format(IntakeMessages.ColumnsIgnored, ignored.Count, set.Id, ignored.Count > ColumnsListed
                    ? MessageText.Format(IntakeMessages.ColumnsIgnoredMore, string.Join(", ", ignored.Take(ColumnsListed)), ignored.Count - ColumnsListed)
                    : string.Join(", ", ignored))));
        return reader;
    }

    /// <summary>The rows after the header, lazily; blank rows are skipped.</summary>
    public IEnumerable<IntakeRow> Rows()
    {
        foreach (var row in _table.Rows)
        {
            if (row.IsBlank) continue;
            yield return Convert(row);
        }
    }

    private IntakeRow Convert(RawRow row)
    {
        var problems = new List<IntakeProblem>();
        if (row.Defect is not null)
        {
            problems.Add(new IntakeProblem(Severity.Error, _table.File, _table.Sheet, row.Number, null, null, null, row.Defect));
            return new IntakeRow(_table.File, _table.Sheet, row.Number, null, problems);
        }
        var width = _table.Header.Count;
        for (var i = width; i < row.Cells.Count; i++)
        {
            if (!row.Cells[i].IsBlank)
                problems.Add(new IntakeProblem(Severity.Error, _table.File, _table.Sheet, row.Number, ColumnNames.Of(i + 1), null, row.Cells[i].Text,
                    MessageText.Format(IntakeMessages.ValueBeyondHeader, width)));
        }
        var identity = IdentityFields.Parse(
            key => _identity.TryGetValue(key, out var i) ? new IdentityFields.Located(row[i], row.Number, ColumnNames.Of(i + 1)) : null,
            _table.File, _table.Sheet, problems);
        var cells = _measures.Select(m => new MeasureCells.Located(m.Measure, row[m.Index], row.Number, m.Index + 1));
        // Measure cells are checked even when the identity is bad, so that one pass reports every bad cell.
        var data = MeasureCells.Build(_set, identity ?? Placeholder, cells, NoSources, _table.File, _table.Sheet, MeasureCells.RowHash(row), problems);
        if (problems.Count > 0) data = null;
        return new IntakeRow(_table.File, _table.Sheet, row.Number, data, problems);
    }
}
