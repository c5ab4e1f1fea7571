using NtmRules.Kernel.Localization;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Domain;
using NtmRules.Intake.Localization;

namespace NtmRules.Intake.Annex;

/// <summary>
/// The set's header from the command's options, else the workbook's info sheet, else (for a set that
/// extends another) the base set: name, level, decision date and authority, title, period, legal bases.
/// The decision date and authority are never made up: without them the import stops and says where to write them.
/// </summary>
internal static partial class AnnexInfo
{
    [GeneratedRegex(@"^(Quyết định số|Quyết định|QĐ số|QĐ)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex DecisionPrefix();

    /// <summary>"QĐ 51/2025/QĐ-TTg" → "51/2025/QĐ-TTg".</summary>
    public static string DecisionNumber(string text) => DecisionPrefix().Replace(text.Trim().Normalize(NormalizationForm.FormC), "");

    public static AnnexSetInfo? Read(AnnexReader.Context ctx, IReadOnlyList<RawRow>? infoRows, AnnexOptions options, CriteriaSet? baseSet, DateOnly? earliest)
    {
        var before = ctx.Problems.Count;
        var sheet = (infoRows ?? []).Where(r => !r.IsBlank).Select(r => (Key: AnnexLayout.Fold(r[0].Text), Row: r)).ToArray();
        (string? Text, int? Row) Get(string key, string? option) =>
            option is not null ? (option.Trim().Normalize(NormalizationForm.FormC), null)
            : sheet.FirstOrDefault(s => s.Key == AnnexLayout.Fold(key)) is { Row: { } r } ? (AnnexReader.Context.Text(r, 2), r.Number) : (null, null);

        var decision = DecisionNumber(options.Decision);
        if (decision.Length == 0) ctx.OptionError("--decision", options.Decision, AnnexMessages.DecisionMissing);
        var level = ReadLevel(ctx, Get(AnnexLayout.InfoLevel, options.Level), baseSet);
        var date = ReadDate(ctx, Get(AnnexLayout.InfoDate, options.DecisionDate), "--date", required: true);
        var (authority, _) = Get(AnnexLayout.InfoAuthority, options.Authority);
        if (string.IsNullOrEmpty(authority))
            ctx.OptionError("--authority", null, MessageText.Format(AnnexMessages.AuthorityMissing, AnnexLayout.InfoAuthority, AnnexLayout.InfoSheet));
        var name = Get(AnnexLayout.InfoName, options.Name).Text is { Length: > 0 } n ? n : $"Bộ tiêu chí {level.VietnameseName()} theo Quyết định số {decision}";
        var title = Get(AnnexLayout.InfoTitle, options.Title).Text is { Length: > 0 } t ? t : name;
        var from = ReadDate(ctx, Get(AnnexLayout.InfoFrom, null), AnnexLayout.InfoFrom, required: false) ?? earliest ?? date;
        var to = ReadDate(ctx, Get(AnnexLayout.InfoTo, options.EffectiveTo), "--to", required: false);
        if (from is { } f && to is { } e && e < f) ctx.OptionError("--to", e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), AnnexMessages.EndBeforeStart);
        if (ctx.Problems.Count > before || date is not { } signed || from is not { } start || authority is null) return null;
        var legal = new LegalDecision(decision, signed, authority, title);
        var bases = sheet.Where(s => s.Key == AnnexLayout.Fold(AnnexLayout.InfoBasis)).Select(s => AnnexReader.Context.Text(s.Row, 2)).Where(b => b.Length > 0).ToArray();
        return new AnnexSetInfo(name, level, legal, new EffectivePeriod(start, to), bases.Length > 0 ? bases : [legal.Reference]);
    }

    private static Level ReadLevel(AnnexReader.Context ctx, (string? Text, int? Row) cell, CriteriaSet? baseSet)
    {
        if (string.IsNullOrEmpty(cell.Text)) return baseSet?.Level ?? Level.XaNtm;
        if (Levels.TryParse(cell.Text, out var level)) return level;
        var byName = Enum.GetValues<Level>().Where(l => AnnexLayout.Fold(l.VietnameseName()) == AnnexLayout.Fold(cell.Text)).ToArray();
        if (byName.Length == 1) return byName[0];
        Report(ctx, cell, "--level", MessageText.Format(AnnexMessages.LevelUnknown, string.Join(", ", Levels.Codes)));
        return Level.XaNtm;
    }

    private static DateOnly? ReadDate(AnnexReader.Context ctx, (string? Text, int? Row) cell, string option, bool required)
    {
        if (string.IsNullOrEmpty(cell.Text))
        {
            if (required)
                ctx.OptionError(option, null, MessageText.Format(AnnexMessages.SignedDateMissing, AnnexLayout.InfoDate, AnnexLayout.InfoSheet, option));
            return null;
        }
        var serial = double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        if (CellDate.Parse(new SourceCell(cell.Text, serial && cell.Row is not null)) is { } d) return d;
        Report(ctx, cell, option, AnnexMessages.MustBeDate);
        return null;
    }

    private static void Report(AnnexReader.Context ctx, (string? Text, int? Row) cell, string option, string reason)
    {
        if (cell.Row is { } row) ctx.InfoError(row, cell.Text, reason);
        else ctx.OptionError(option, cell.Text, reason);
    }
}
