using System.CommandLine;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin …</c>: tools for plugin authors and publishers — scaffold, validate, test, make
/// keys, pack and sign, install. Each subcommand lives in its own file (<c>Plugin*Command.cs</c>)
/// and is added here with one line.
/// </summary>
internal static class PluginCommand
{
    public static Command Create(Option<string?> pluginsOption) => new("plugin", PluginMessages.PluginDescription)
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
