using System.CommandLine;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin …</c>: tools for plugin authors. Each subcommand lives in its own file
/// (<c>Plugin*Command.cs</c>) and is added here with one line.
/// </summary>
internal static class PluginCommand
{
    public static Command Create(Option<string?> pluginsOption) => new("plugin", "Công cụ cho người soạn plugin: tạo khung, kiểm tra (plugin authoring: scaffold, validate)")
    {
        PluginValidateCommand.Create(pluginsOption),
        PluginNewCommand.Create(pluginsOption),
    };
}
