using System.CommandLine;
using NtmRules.Application;
using NtmRules.Kernel.Evaluation;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>The options every evaluating command shares (--set or --province/--level, --data), and the evaluation they lead to.</summary>
internal sealed class EvaluationInput
{
    /// <summary>--set, or --province and --level to choose it from the data's province and assessment date.</summary>
    public SetOptions SetChoice { get; } = new(withDate: false);

    public Option<string> Data { get; } = new("--data") { Description = RunMessages.DataOptionDescription, Required = true };

    public Option<string> Executor { get; } = CreateExecutorOption();

    public void AddTo(Command command)
    {
        SetChoice.AddTo(command);
        command.Options.Add(Data);
        command.Options.Add(Executor);
    }

    private static Option<string> CreateExecutorOption()
    {
        var option = new Option<string>("--executor")
        {
            Description = RunMessages.ExecutorOptionDescription,
            DefaultValueFactory = _ => "compiled",
        };
        option.AcceptOnlyFromAmong("compiled", "rulesengine");
        return option;
    }

    /// <summary>The evaluation the options ask for (<see cref="CommuneEvaluation"/>): with --set only that set and its bases are loaded (cold start).</summary>
    public Task<EvaluationOutcome> EvaluateAsync(ParseResult parse, Option<string?> pluginsOption, CancellationToken cancel,
        Drafting.TemplateLibrary? templates = null)
    {
        var path = parse.GetValue(Data)!;
        var execution = parse.GetValue(Executor) == "rulesengine" ? RuleExecution.RulesEngineExecutor : RuleExecution.Compiled;
        var evaluation = new CommuneEvaluation(setId => CommandRunner.LoadPlugins(parse, pluginsOption, templates: templates, setId: setId), SetOptions.Reporter.Instance);
        return evaluation.EvaluateAsync(new EvaluationRequest(path, path, SetChoice.Choice(parse), execution), cancel);
    }

    /// <summary>Reports problems and rule errors on stderr and picks the exit code.</summary>
    public static int Finish(EvaluationResult result)
    {
        CommandRunner.WriteProblems(result.Problems);
        CommandRunner.WriteProblems(RuleFailures.Of(result));
        return result.HasExpressionErrors ? ExitCodes.PluginProblem
            : result.HasDataErrors ? ExitCodes.BadInput
            : ExitCodes.Ok;
    }
}
