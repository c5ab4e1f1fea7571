using System.CommandLine;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin …</c>: tools for plugin authors and publishers — scaffold, validate, test, make
/// keys, pack and sign, install. Each subcommand lives in its own file (<c>Plugin*Command.cs</c>)
/// and is added here with one line.
/// </summary>
internal static class PluginCommand
{
    public static Command Create(Option<string?> pluginsOption) => new("plugin", "Công cụ cho người soạn và phát hành plugin: tạo khung, kiểm tra, kiểm thử, tạo khóa, đóng gói và ký, cài đặt (.ntmplugin)")
    {
        PluginNewCommand.Create(pluginsOption),
        PluginValidateCommand.Create(pluginsOption),
        PluginTestCommand.Create(pluginsOption),
        PluginThresholdsCommand.Create(pluginsOption),
        PluginImportCommand.Create(pluginsOption),
        PluginExportCommand.Create(pluginsOption),
        PluginAnnexTemplateCommand.Create(),
        PluginKeygenCommand.Create(),
        PluginPackCommand.Create(),
        PluginInstallCommand.Create(pluginsOption),
    };
}
