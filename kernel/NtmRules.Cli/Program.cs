using System.CommandLine;
using System.Text;
using NtmRules.Cli;
using NtmRules.Cli.Commands;
using NtmRules.Cli.Localization;
using NtmRules.Kernel.Loading;

Console.OutputEncoding = new UTF8Encoding(false);
// Schema passes are remembered in the user's cache folder: a plugin or data file that passed is not validated again.
FormatSchemas.PassCache = PassCache.FromEnvironment();
// The language is known before parsing: help and parse errors are written in it.
var language = UiLanguages.Resolve(args, Environment.GetEnvironmentVariable(UiLanguages.EnvironmentVariable));
UiLanguages.Apply(language);
var library = new CommandLineTexts(language);
SigningOptions.Describe();

var pluginsOption = new Option<string?>("--plugins")
{
    Description = string.Format(Texts.Culture, Texts.PluginsOptionDescription, PluginFolder.EnvironmentVariable),
    Recursive = true,
};
var langOption = new Option<string?>(UiLanguages.OptionName) { Description = Texts.LangOptionDescription, Recursive = true };
langOption.AcceptOnlyFromAmong([.. UiLanguages.Codes]);
var root = new RootCommand(Texts.RootDescription) { pluginsOption, langOption, SigningOptions.AllowUnsigned, SigningOptions.Trust };
foreach (var command in RootCommands.For(args, pluginsOption)) root.Subcommands.Add(command);
CommandExamples.AddToHelp(root, library);

var parse = root.Parse(args);
// Help is shown even when the rest of the line is incomplete: "ntm evaluate --help" lacks --set and --data.
if (parse.Errors.Count > 0 && !CommandExamples.IsHelp(parse))
{
    foreach (var e in parse.Errors) Console.Error.WriteLine(string.Format(Texts.Culture, Texts.ParseErrorLine, library.Translate(e.Message)));
    Console.Error.WriteLine(Texts.ParseErrorHint);
    return ExitCodes.BadInput;
}
return await parse.InvokeAsync();
