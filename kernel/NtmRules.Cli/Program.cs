using System.CommandLine;
using System.Text;
using NtmRules.Cli;
using NtmRules.Cli.Commands;

Console.OutputEncoding = new UTF8Encoding(false);

var pluginsOption = new Option<string?>("--plugins")
{
    Description = $"Folder of plugin folders (default: ${PluginFolder.EnvironmentVariable}, else the plugins built next to ntm)",
    Recursive = true,
};
var root = new RootCommand("ntm — đánh giá xã theo bộ tiêu chí nông thôn mới (NTM) nạp từ plugin")
{
    pluginsOption,
    SigningOptions.AllowUnsigned,
    SigningOptions.Trust,
    PluginsCommand.Create(pluginsOption),
    PluginCommand.Create(pluginsOption),
    MeasuresCommand.Create(pluginsOption),
    EvaluateCommand.Create(pluginsOption),
    TraceCommand.Create(pluginsOption),
    DraftCommand.Create(pluginsOption),
    FormCommand.Create(pluginsOption),
    BatchCommand.Create(pluginsOption),
    HistoryCommand.Create(),
    VerifyCommand.Create(pluginsOption),
    CompareCommand.Create(),
    BenchCommand.Create(pluginsOption),
    TrustCommand.Create(),
    ServeCommand.Create(pluginsOption),
    UsersCommand.Create(),
};
CommandExamples.AddToHelp(root);

var parse = root.Parse(args);
// Help is shown even when the rest of the line is incomplete: "ntm evaluate --help" lacks --set and --data.
if (parse.Errors.Count > 0 && !CommandExamples.IsHelp(parse))
{
    foreach (var e in parse.Errors) Console.Error.WriteLine("error: " + e.Message);
    Console.Error.WriteLine("Run 'ntm --help' for usage.");
    return ExitCodes.BadInput;
}
return await parse.InvokeAsync();
