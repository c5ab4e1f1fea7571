using System.CommandLine;
using NtmRules.Cli.Rendering;
using NtmRules.Kernel.Formatting;
using Spectre.Console;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm measures --set ID</c>: the figures a commune must report for a set.</summary>
internal static class MeasuresCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var set = new SetOptions(withDate: true);
        var command = new Command("measures", RunMessages.MeasuresDescription);
        set.AddTo(command);
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var host = CommandRunner.LoadPlugins(parse, pluginsOption);
            var compiled = set.Resolve(parse, host);
            var usedBy = compiled.Set.Indicators
                .SelectMany(i => compiled.MeasuresReadBy(i.Code).Select(k => (Key: k, i.Code)))
                .GroupBy(x => x.Key)
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(x => x.Code).Distinct()));
            var console = ConsoleFactory.Create();
            var table = new Table().Border(TableBorder.Rounded).Title($"Số liệu cần cho {Markup.Escape(compiled.Set.Id)}")
                .AddColumn("Khóa (key)").AddColumn("Nội dung").AddColumn("Đơn vị").AddColumn("Kiểu").AddColumn("Miền giá trị").AddColumn("Dùng cho chỉ tiêu");
            foreach (var m in compiled.Set.Measures)
            {
                var (lo, hi) = VietnameseFormat.EffectiveRange(m);
                table.AddRow(Markup.Escape(m.Key), Markup.Escape(m.Label), Markup.Escape(m.Unit), VietnameseFormat.TypeName(m.Type),
                    Markup.Escape(string.Join("; ", new[] { VietnameseFormat.Range(lo, hi), m.RelationText }.Where(t => t.Length > 0))),
                    Markup.Escape(usedBy.GetValueOrDefault(m.Key, "-")));
            }
            console.Write(table);
            console.MarkupLine($"{compiled.Set.Measures.Count} số liệu.");
            if (compiled.Set.UsesGroups)
                console.MarkupLine(Markup.Escape($"Bộ này đặt ngưỡng theo nhóm xã: số liệu của xã ghi thêm 'communeGroup' ({Kernel.Domain.CommuneGroups.Accepted})"
                    + (compiled.Set.Indicators.Any(i => i.Threshold.Values.Any(v => v.NeedsGroup)) ? "; bắt buộc với bộ này." : "; xã không ghi nhóm dùng mức chung.")));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
