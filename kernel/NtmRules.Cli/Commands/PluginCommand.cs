using System.CommandLine;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm plugin …</c>: work on one plugin folder or package (test it before publishing).</summary>
internal static class PluginCommand
{
    public static Command Create(Option<string?> pluginsOption) => new("plugin", "Làm việc với một plugin (thư mục hoặc gói .ntmplugin): kiểm thử trước khi phát hành")
    {
        PluginTestCommand.Create(pluginsOption),
    };
}
