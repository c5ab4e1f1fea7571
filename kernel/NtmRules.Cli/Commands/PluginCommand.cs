using System.CommandLine;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin …</c>: work on one plugin — test it, make keys, pack and sign it, install it.
/// Each subcommand lives in its own file and adds one line here.
/// </summary>
internal static class PluginCommand
{
    public static Command Create(Option<string?> pluginsOption) => new("plugin", "Làm việc với một plugin: kiểm thử, tạo khóa, đóng gói và ký, cài đặt (.ntmplugin)")
    {
        PluginTestCommand.Create(pluginsOption),
        PluginKeygenCommand.Create(),
        PluginPackCommand.Create(),
        PluginInstallCommand.Create(pluginsOption),
    };
}
