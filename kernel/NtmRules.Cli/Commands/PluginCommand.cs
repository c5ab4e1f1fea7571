using System.CommandLine;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin …</c>: making, signing and installing plugin packages. Each subcommand lives in
/// its own file and adds one line here.
/// </summary>
internal static class PluginCommand
{
    public static Command Create(Option<string?> pluginsOption) => new("plugin", "Gói plugin: tạo khóa, đóng gói và ký, cài đặt (.ntmplugin)")
    {
        PluginKeygenCommand.Create(),
        PluginPackCommand.Create(),
        PluginInstallCommand.Create(pluginsOption),
    };
}
