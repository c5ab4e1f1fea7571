using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Readers;

/// <summary>
/// The commune-detail fields of a table or form (the same keys as a JSON data file's: name, code,
/// district, province, region, communeGroup, specialDifficulty, year, assessmentDate) and their parsing.
/// </summary>
public static class IdentityFields
{
    /// <summary>The keys, in the order forms and tables list them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["name", "code", "district", "province", "region", "communeGroup", "specialDifficulty", "year", "assessmentDate"];

    /// <summary>The keys a commune cannot be evaluated without.</summary>
    public static IReadOnlyList<string> Required { get; } = ["name", "region", "year"];

    /// <summary>Vietnamese labels, for forms and messages.</summary>
    public static IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        ["name"] = "Tên xã",
        ["code"] = "Mã xã",
        ["district"] = "Huyện (cũ, nếu có; cấp huyện không còn từ 01/7/2025)",
        ["province"] = "Tỉnh",
        ["region"] = "Vùng (" + string.Join(", ", Regions.All.Select(r => r.Code())) + ")",
        ["communeGroup"] = "Nhóm xã (1, 2, 3 theo bộ tiêu chí 2026–2030; để trống nếu bộ không phân nhóm)",
        ["specialDifficulty"] = "Xã đặc biệt khó khăn / ATK (có/không)",
        ["year"] = "Năm đánh giá",
        ["assessmentDate"] = "Ngày đánh giá (yyyy-mm-dd; mặc định 31/12 của năm)",
    };

    /// <summary>One identity cell with where it is.</summary>
    public readonly record struct Located(SourceCell Cell, int Row, string Column);

    /// <summary>
    /// Builds the identity from the cells found (absent keys are blank). Problems name the cell;
    /// the result is null when any is an error.
    /// </summary>
    public static (CommuneIdentity Commune, Region Region, CommuneGroup? Group, bool Special, int Year, DateOnly Date)? Parse(
        Func<string, Located?> cellOf, string file, string? sheet, List<IntakeProblem> problems)
    {
        var before = problems.Count;
        string? Text(string key) => cellOf(key) is { Cell.IsBlank: false } l ? l.Cell.Text.Trim().Normalize(System.Text.NormalizationForm.FormC) : null;
        void Error(string key, string reason)
        {
            var at = cellOf(key);
            problems.Add(new IntakeProblem(Kernel.Diagnostics.Severity.Error, file, sheet, at?.Row, at?.Column, key, at is { Cell.IsBlank: false } l ? l.Cell.Text : null, reason));
        }

        foreach (var key in Keys)
        {
            if (cellOf(key) is not { Cell.IsBlank: false } cell) continue;
            if (SafeText.Problem(cell.Cell.Text, multiLine: false) is { } unsafeText) Error(key, unsafeText);
            else if (key is "name" or "code" or "district" or "province" && CommuneIdentity.LengthProblem(key, cell.Cell.Text.Trim()) is { } tooLong) Error(key, tooLong);
        }
        if (problems.Count > before) return null;
        var name = Text("name");
        if (name is null) Error("name", IntakeMessages.CommuneNoName);
        var regionText = Text("region");
        Region region = default;
        if (regionText is null) Error("region", MessageText.Format(IntakeMessages.RegionMissing, string.Join(", ", Regions.All.Select(r => r.Code()))));
        else if (!Regions.TryParse(regionText, out region)) Error("region", MessageText.Format(IntakeMessages.RegionUnknown, Regions.Listing(CultureInfo.CurrentUICulture)));
        CommuneGroup? group = null;
        if (Text("communeGroup") is { } groupText)
        {
            if (CommuneGroups.TryParse(groupText, out var g)) group = g;
            else Error("communeGroup", MessageText.Format(IntakeMessages.CommuneGroupUnknown, CommuneGroups.Accepted));
        }
        var special = false;
        if (Text("specialDifficulty") is { } s && !TryFlag(s, out special)) Error("specialDifficulty", IntakeMessages.SpecialDifficultyFlag);
        var year = 0;
        var yearText = Text("year");
        if (yearText is null) Error("year", IntakeMessages.YearMissing);
        else if (!(NumberText.Parse(yearText, out var y) == NumberTextKind.Number && y == Math.Floor(y) && y is >= 2000 and <= 2100))
            Error("year", IntakeMessages.YearInvalid);
        else year = (int)y;
        var date = new DateOnly(Math.Clamp(year, 2000, 2100), 12, 31);
        if (cellOf("assessmentDate") is { Cell.IsBlank: false } d)
        {
            if (!TryDate(d.Cell, out date)) Error("assessmentDate", IntakeMessages.AssessmentDateInvalid);
            else if (year != 0 && date.Year != year) Error("assessmentDate", MessageText.Format(IntakeMessages.AssessmentDateOutsideYear, year));
        }
        if (problems.Count > before) return null;
        return (new CommuneIdentity(name!, Text("code"), Text("district"), Text("province")), region, group, special, year, date);
    }

    /// <summary>true/false as spreadsheets write them: true, false, có, không, x, 1, 0 (any case).</summary>
    public static bool TryFlag(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "có" or "co" or "x" or "1" or "đúng": value = true; return true;
            case "false" or "không" or "khong" or "0" or "sai": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>yyyy-mm-dd, dd/mm/yyyy, or an Excel date serial number.</summary>
    public static bool TryDate(SourceCell cell, out DateOnly date)
    {
        var t = cell.Text.Trim();
        if (cell.IsNumber && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 36_000 and < 75_000)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            return true;
        }
        return DateOnly.TryParseExact(t, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
