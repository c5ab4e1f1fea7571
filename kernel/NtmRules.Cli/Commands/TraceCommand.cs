using NtmRules.Kernel.Localization;
using System.CommandLine;
using System.Globalization;
using NtmRules.Application;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm trace --set ID --data FILE [--indicator CODE] [--format text|json]</c>: why each indicator got its status.</summary>
internal static class TraceCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var input = new EvaluationInput();
        var indicator = new Option<string?>("--indicator") { Description = RunMessages.TraceIndicatorDescription };
        var format = new Option<string>("--format") { Description = RunMessages.TraceFormatDescription, DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var at = new Option<string?>("--evaluated-at") { Description = RunMessages.TraceAtDescription };
        var command = new Command("trace", RunMessages.TraceDescription) { indicator, format, at };
        input.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var when = DateTimeOffset.UtcNow;
            if (parse.GetValue(at) is { } text && !DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out when))
                throw new InputException(new Problem(Severity.Error, MessageText.Format(RunMessages.NotAUtcTime, text), Field: "--evaluated-at"));
            var (_, result) = await input.EvaluateAsync(parse, pluginsOption, cancel);
            var selected = IndicatorSelection.Of(result, parse.GetValue(indicator), "--indicator");
            var provenance = Provenance.Of(result, when);
            if (parse.GetValue(format) == "json") TraceJsonWriter.Write(result, selected, provenance, Console.Out);
            else TraceTextWriter.Write(result, selected, provenance, Console.Out);
            return EvaluationInput.Finish(result);
        }));
        return command;
    }
}
