using System.CommandLine;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>--set</c>, or what stands for it when it is left out: <c>--province</c>, <c>--level</c> and,
/// for commands without a data file (measures, form) or with many (batch), <c>--on</c>. The choice
/// itself is <see cref="SetChooser"/>'s and <see cref="SetSelector"/>'s.
/// </summary>
internal sealed class SetOptions(bool withDate)
{
    public Option<string?> Set { get; } = new("--set") { Description = "Mã bộ tiêu chí, ví dụ vn.qd318.xa-ntm (xem 'ntm plugins'); bỏ trống thì dùng bộ duy nhất của --level có hiệu lực cho tỉnh và ngày đánh giá" };

    public Option<string?> Province { get; } = new("--province") { Description = "Khi bỏ trống --set: tỉnh có bộ tiêu chí áp dụng (mặc định: tỉnh ghi trong số liệu)" };

    public Option<string?> Level { get; } = CreateLevelOption();

    public Option<string?> On { get; } = new("--on") { Description = "Khi bỏ trống --set: ngày (yyyy-mm-dd) bộ tiêu chí phải có hiệu lực (mặc định: ngày đánh giá của xã, hoặc hôm nay)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Set);
        command.Options.Add(Province);
        command.Options.Add(Level);
        if (withDate) command.Options.Add(On);
    }

    /// <summary>The set named by --set, or chosen for the commune of <paramref name="dataPath"/> (when given) or for --province and --on.</summary>
    public CompiledCriteriaSet Resolve(ParseResult parse, PluginHost host, string? dataPath = null)
    {
        if (parse.GetValue(Set) is { } id) return host.GetSet(id);
        var sets = host.Sets.Select(s => s.Set);
        var province = parse.GetValue(Province);
        var level = Levels.TryParse(parse.GetValue(Level), out var l) ? l : SetChooser.DefaultLevel;
        DateOnly? date = withDate && parse.GetValue(On) is { } on ? PluginsCommand.OnDate(on) : null;
        var selection = dataPath is not null
            ? SetChooser.ForFile(sets, dataPath, dataPath, province, date, level)
            : SetSelector.Choose(sets, province, date ?? DateOnly.FromDateTime(DateTime.UtcNow), level);
        return host.GetSet(Chosen(selection).Id);
    }

    private static Option<string?> CreateLevelOption()
    {
        var option = new Option<string?>("--level") { Description = $"Khi bỏ trống --set: cấp của bộ tiêu chí ({string.Join(", ", Levels.Codes)}; mặc định {SetChooser.DefaultLevel.Code()})" };
        option.AcceptOnlyFromAmong([.. Levels.Codes]);
        return option;
    }

    /// <summary>The chosen set, said on standard error; or the candidates listed and exit 2 (bad input).</summary>
    private static CriteriaSet Chosen(SetSelection selection)
    {
        if (selection.Chosen is { } set)
        {
            Console.Error.WriteLine($"bộ tiêu chí tự chọn: {set.Id} ({set.Decision.Reference}; hiệu lực {set.Effective.VietnameseText})");
            return set;
        }
        const string hint = "Chọn một bộ bằng --set, nêu tỉnh bằng --province hoặc đổi cấp bằng --level.";
        var lines = selection.CandidateLines.Select(l => "  - " + l).Append("  " + hint);
        throw new InputException(new Problem(Severity.Error, string.Join(Environment.NewLine, lines.Prepend(selection.Reason)), Field: "--set"));
    }
}
