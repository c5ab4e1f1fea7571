using System.CommandLine;
using NtmRules.Cli.Commands;

namespace NtmRules.Cli;

/// <summary>
/// ntm's commands, in the order help lists them. Building them all (their options, descriptions and
/// validators) was about a tenth of a cold start; a line that starts with a command's name is parsed
/// the same with only that command under the root, since nothing after a command's name can reach
/// its siblings. Every other line (help of ntm itself, a mistyped command, an option or a directive
/// first) gets them all, so its help and errors are the full ones.
/// </summary>
internal static class RootCommands
{
    /// <summary>The commands to put under the root for <paramref name="args"/>.</summary>
    public static IEnumerable<Command> For(string[] args, Option<string?> pluginsOption)
    {
        var all = All(pluginsOption);
        // Loops, not Array.Find/Select over the tuples: LINQ over a value type is JIT-compiled on every cold start.
        foreach (var (name, create) in all)
        {
            if (args.Length > 0 && name == args[0]) return [create()];
        }
        var commands = new Command[all.Length];
        for (var i = 0; i < all.Length; i++) commands[i] = all[i].Create();
        return commands;
    }

    /// <summary>Each command's name (the name its factory gives it: a test holds them equal) and its factory.</summary>
    internal static (string Name, Func<Command> Create)[] All(Option<string?> pluginsOption) =>
    [
        ("plugins", () => PluginsCommand.Create(pluginsOption)),
        ("plugin", () => PluginCommand.Create(pluginsOption)),
        ("measures", () => MeasuresCommand.Create(pluginsOption)),
        ("evaluate", () => EvaluateCommand.Create(pluginsOption)),
        ("trace", () => TraceCommand.Create(pluginsOption)),
        ("draft", () => DraftCommand.Create(pluginsOption)),
        ("form", () => FormCommand.Create(pluginsOption)),
        ("batch", () => BatchCommand.Create(pluginsOption)),
        ("history", HistoryCommand.Create),
        ("verify", () => VerifyCommand.Create(pluginsOption)),
        ("compare", CompareCommand.Create),
        ("bench", () => BenchCommand.Create(pluginsOption)),
        ("trust", TrustCommand.Create),
        ("serve", () => ServeCommand.Create(pluginsOption)),
        ("users", UsersCommand.Create),
    ];
}
