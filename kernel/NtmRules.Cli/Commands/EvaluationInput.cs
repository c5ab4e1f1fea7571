using System.CommandLine;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Cli.Commands;

/// <summary>The options every evaluating command shares (--set or --province/--level, --data), and the evaluation they lead to.</summary>
internal sealed class EvaluationInput
{
    /// <summary>--set, or --province and --level to choose it from the data's province and assessment date.</summary>
    public SetOptions SetChoice { get; } = new(withDate: false);

    public Option<string> Data { get; } = new("--data") { Description = "Commune data file: ntm.commune-data/1 JSON, a filled-in form (.xlsx, see 'ntm form') or a CSV/XLSX table with exactly one commune row", Required = true };

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
        // With --set only that set and its bases are loaded (cold start); without it every set is read to choose one.
        var host = CommandRunner.LoadPlugins(parse, pluginsOption, templates: templates, setId: parse.GetValue(SetChoice.Set));
        var path = parse.GetValue(Data)!;
        var compiled = SetChoice.Resolve(parse, host, path);
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
