using System.CommandLine;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Cli.Commands;

/// <summary>The options every evaluating command shares (--set, --data), and the evaluation they lead to.</summary>
internal sealed class EvaluationInput
{
    public Option<string> Set { get; } = new("--set") { Description = "Criteria set id, e.g. vn.qd318.xa-ntm (see 'ntm plugins')", Required = true };

    public Option<string> Data { get; } = new("--data") { Description = "Commune data file: ntm.commune-data/1 JSON, a filled-in form (.xlsx, see 'ntm form') or a CSV/XLSX table with exactly one commune row", Required = true };

    public Option<string> Executor { get; } = CreateExecutorOption();

    public void AddTo(Command command)
    {
        command.Options.Add(Set);
        command.Options.Add(Data);
        command.Options.Add(Executor);
    }

    private static Option<string> CreateExecutorOption()
    {
        var option = new Option<string>("--executor")
        {
            Description = "compiled (default): the rules RulesEngine's parser compiled, run by the kernel; rulesengine: RulesEngine's own executor, slower, gives the same result (a cross-check)",
            DefaultValueFactory = _ => "compiled",
        };
        option.AcceptOnlyFromAmong("compiled", "rulesengine");
        return option;
    }

    /// <summary>Loads plugins, reads the data and evaluates; data warnings are merged into the result's problems.</summary>
    public async Task<(PluginHost Host, EvaluationResult Result)> EvaluateAsync(ParseResult parse, Option<string?> pluginsOption, CancellationToken cancel,
        Drafting.TemplateLibrary? templates = null)
    {
        var host = CommandRunner.LoadPlugins(parse, pluginsOption, templates: templates, setId: parse.GetValue(Set));
        var compiled = host.GetSet(parse.GetValue(Set)!);
        var path = parse.GetValue(Data)!;
        var warnings = new List<Problem>();
        var data = CommuneFileReader.ReadOne(path, path, compiled.Set, warnings);
        var execution = parse.GetValue(Executor) == "rulesengine" ? RuleExecution.RulesEngineExecutor : RuleExecution.Compiled;
        var result = await host.Evaluator.EvaluateAsync(compiled, data, execution, cancel);
        return (host, result with { Problems = warnings.Concat(result.Problems).ToArray() });
    }

    /// <summary>Reports problems and rule errors on stderr and picks the exit code.</summary>
    public static int Finish(EvaluationResult result)
    {
        CommandRunner.WriteProblems(result.Problems);
        foreach (var i in result.Indicators.Where(i => i.Error is not null))
            Console.Error.WriteLine($"{result.Set.WorkflowFile}: error: rule \"{i.Indicator.RuleName}\" failed at run time: {i.Error}");
        return result.HasExpressionErrors ? ExitCodes.PluginProblem
            : result.HasDataErrors ? ExitCodes.BadInput
            : ExitCodes.Ok;
    }
}
