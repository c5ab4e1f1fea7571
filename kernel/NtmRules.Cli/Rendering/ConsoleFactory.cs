using Spectre.Console;

namespace NtmRules.Cli.Rendering;

/// <summary>
/// A Spectre console that keeps wide tables readable when output is redirected (Spectre
/// otherwise assumes 80 columns) and colours only a real terminal.
/// </summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole Create()
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected) console.Profile.Width = 160;
        return console;
    }
}
