using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NtmRules.Intake.Csv;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// The columns of a province CSV — one commune per row: <c>name,code,province,region,specialDifficulty,year,assessmentDate</c>,
/// <c>communeGroup</c> for a set whose thresholds vary by commune group (<see cref="CriteriaSet.UsesGroups"/>),
/// then one column per measure key — and the conversion of a row to <see cref="CommuneData"/>.
/// This is the bulk format of the synthetic provinces, deliberately minimal: comma-separated, no
/// quoting (a cell holds no comma, quote or line break), numbers written invariantly, an empty
/// measure cell meaning "no figure". Reading real provincial spreadsheets (Excel, quoted CSV,
/// Vietnamese decimal commas) is a separate piece of work and not what this class is for.
/// </summary>
public sealed class CommuneCsvLayout
{
    /// <summary>The identity columns, in order, before the measure columns.</summary>
    public static IReadOnlyList<string> IdentityColumns { get; } = ["name", "code", "province", "region", "specialDifficulty", "year", "assessmentDate"];

    private static readonly IReadOnlyDictionary<string, string> NoSources = new Dictionary<string, string>();

    /// <summary>The column after the identity columns when the communes carry their group.</summary>
    public const string GroupColumn = "communeGroup";

    private readonly string[] _measureKeys;

    private CommuneCsvLayout(string[] measureKeys, bool hasGroup)
    {
        _measureKeys = measureKeys;
        HasGroup = hasGroup;
        HeaderLine = string.Join(',', IdentityColumns.Concat(hasGroup ? [GroupColumn] : []).Concat(measureKeys));
    }

    /// <summary>Whether the rows carry a <c>communeGroup</c> cell after the identity columns.</summary>
    public bool HasGroup { get; }

    /// <summary>Cells before the measure cells.</summary>
    private int Leading => IdentityColumns.Count + (HasGroup ? 1 : 0);

    /// <summary>The measure keys, in column order.</summary>
    public IReadOnlyList<string> MeasureKeys => _measureKeys;

    /// <summary>The header line.</summary>
    public string HeaderLine { get; }

    /// <summary>The layout holding every measure of <paramref name="set"/>, in the set's order.</summary>
    public static CommuneCsvLayout For(CriteriaSet set) => new(set.Measures.Select(m => m.Key).ToArray(), set.UsesGroups);

    /// <summary>Reads a header line. Throws <see cref="InputException"/> when it does not start with the identity columns.</summary>
    public static CommuneCsvLayout FromHeader(string headerLine, string file)
    {
        var cells = headerLine.TrimStart('\uFEFF').Split(',');
        for (var i = 0; i < IdentityColumns.Count; i++)
        {
            if (i >= cells.Length || cells[i] != IdentityColumns[i])
                throw new InputException(new Problem(Severity.Error,
                    $"the header must start with {string.Join(',', IdentityColumns)}; column {i + 1} is \"{(i < cells.Length ? cells[i] : "")}\"", file, 1, 1));
        }
        var hasGroup = cells.Length > IdentityColumns.Count && cells[IdentityColumns.Count] == GroupColumn;
        var keys = cells.Skip(IdentityColumns.Count + (hasGroup ? 1 : 0)).ToArray();
        var duplicate = keys.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InputException(new Problem(Severity.Error, $"measure column \"{duplicate.Key}\" appears twice", file, 1, 1));
        return new CommuneCsvLayout(keys, hasGroup);
    }

    /// <summary>Writes one row; null cells are left empty.</summary>
    internal string FormatRow(CommuneIdentity commune, Region region, bool specialDifficulty, int year, DateOnly assessmentDate, CommuneGroup? group,
        IReadOnlyList<string?> measureCells)
    {
        var sb = new StringBuilder(64 + measureCells.Count * 6);
        Append(sb, commune.Name).Append(',');
        Append(sb, commune.Code).Append(',');
        Append(sb, commune.Province).Append(',');
        sb.Append(region.Code()).Append(',');
        sb.Append(specialDifficulty ? "true" : "false").Append(',');
        sb.Append(year.ToString(CultureInfo.InvariantCulture)).Append(',');
        sb.Append(assessmentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (HasGroup) sb.Append(',').Append(group?.Code());
        foreach (var cell in measureCells)
        {
            sb.Append(',');
            Append(sb, cell);
        }
        return sb.ToString();
    }

    private static StringBuilder Append(StringBuilder sb, string? cell)
    {
        if (cell is null) return sb;
        if (!CsvPolicy.IsPlain(cell)) throw new ArgumentException($"a cell of this CSV format holds no separator, quote or line break: \"{cell}\"", nameof(cell));
        return sb.Append(cell);
    }

    /// <summary>
    /// Converts one row. The data's SHA-256 is that of the row's UTF-8 text, so that an evaluation
    /// of a row can be traced back to it. Throws <see cref="InputException"/> on a malformed identity
    /// cell; measure cells are taken as written and checked later, against the set, like a data file's.
    /// </summary>
    /// <param name="line">The row, without its line break.</param>
    /// <param name="lineNumber">1-based line number in the file, for messages.</param>
    /// <param name="file">The file as the user named it.</param>
    public CommuneData Parse(string line, int lineNumber, string file)
    {
        var expected = Leading + _measureKeys.Length;
        var cells = new (int Start, int Length)[expected];
        var count = 0;
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] != ',') continue;
            if (count < expected) cells[count] = (start, i - start);
            count++;
            start = i + 1;
        }
        if (count != expected)
            throw new InputException(new Problem(Severity.Error, $"the row has {count} cells, the header {expected}", file, lineNumber, 1));

        string Cell(int i) => line.Substring(cells[i].Start, cells[i].Length);
        Problem Error(int column, string message) => new(Severity.Error, message, file, lineNumber, cells[column].Start + 1,
            column < IdentityColumns.Count ? IdentityColumns[column] : GroupColumn);

        var problems = new List<Problem>();
        var name = Cell(0);
        if (name.Length == 0) problems.Add(Error(0, "the commune has no name"));
        var code = cells[1].Length == 0 ? null : Cell(1);
        var province = cells[2].Length == 0 ? null : Cell(2);
        if (!Regions.TryParse(Cell(3), out var region)) problems.Add(Error(3, $"unknown region \"{Cell(3)}\""));
        var special = Cell(4) switch
        {
            "true" => true,
            "false" or "" => false,
            var other => Fail(4, $"specialDifficulty is true or false, not \"{other}\"", false),
        };
        if (!int.TryParse(Cell(5), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
            problems.Add(Error(5, $"year must be a whole number between 2000 and 2100, not \"{Cell(5)}\""));
        var date = new DateOnly(Math.Clamp(year, 2000, 2100), 12, 31);
        if (cells[6].Length > 0 && !DateOnly.TryParseExact(Cell(6), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            problems.Add(Error(6, $"assessmentDate must be a date written yyyy-MM-dd, not \"{Cell(6)}\""));
        CommuneGroup? group = null;
        if (HasGroup && cells[IdentityColumns.Count].Length > 0)
        {
            if (CommuneGroups.TryParse(Cell(IdentityColumns.Count), out var g)) group = g;
            else problems.Add(Error(IdentityColumns.Count, $"unknown commune group \"{Cell(IdentityColumns.Count)}\"; use {CommuneGroups.Accepted}"));
        }
        if (problems.Count > 0) throw new InputException(problems);

        var measures = new List<RawMeasureValue>(_measureKeys.Length);
        for (var k = 0; k < _measureKeys.Length; k++)
        {
            var (at, length) = cells[Leading + k];
            if (length == 0) continue;
            measures.Add(ToRaw(_measureKeys[k], line.AsSpan(at, length), lineNumber, at + 1));
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
        return new CommuneData(new CommuneIdentity(name, code, null, province), region, special, year, date, measures, NoSources, file, hash) { Group = group };

        T Fail<T>(int column, string message, T value)
        {
            problems.Add(Error(column, message));
            return value;
        }
    }

    private static RawMeasureValue ToRaw(string key, ReadOnlySpan<char> cell, int line, int column)
    {
        if (cell.SequenceEqual("true")) return new RawMeasureValue(key, RawValueKind.Boolean, 0, true, "true", line, column);
        if (cell.SequenceEqual("false")) return new RawMeasureValue(key, RawValueKind.Boolean, 0, false, "false", line, column);
        var text = cell.ToString();
        return double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
            ? new RawMeasureValue(key, RawValueKind.Number, number, false, text, line, column)
            : new RawMeasureValue(key, RawValueKind.Text, 0, false, text, line, column);
    }
}
