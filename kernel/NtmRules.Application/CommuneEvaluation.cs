using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Application;

/// <summary>One commune's data file to evaluate.</summary>
/// <param name="DataPath">The file (.json, .csv or .xlsx).</param>
/// <param name="DisplayPath">The file as the user named it, for messages and the result.</param>
/// <param name="Set">The set, named or to be chosen.</param>
/// <param name="Execution">The rule executor.</param>
public sealed record EvaluationRequest(string DataPath, string DisplayPath, SetChoice Set, RuleExecution Execution = RuleExecution.Compiled);

/// <summary>An evaluation done.</summary>
/// <param name="Host">The plugins it was evaluated with.</param>
/// <param name="Result">The kernel's result, the data's warnings first among its problems.</param>
public sealed record EvaluationOutcome(PluginHost Host, EvaluationResult Result)
{
    /// <summary>The errors of the rules that failed at run time (<see cref="RuleFailures"/>).</summary>
    public IReadOnlyList<Problem> RuleFailures => Application.RuleFailures.Of(Result);
}

/// <summary>
/// Evaluates one commune, the flow of <c>ntm evaluate</c>, <c>ntm draft</c>, <c>ntm trace</c> and the web's
/// upload: plugins loaded (only the named set's when it is named), the set chosen, the data read by the
/// intake reader of its kind, evaluated, and the reader's warnings merged in front of the result's problems.
/// </summary>
/// <param name="plugins">Loads the plugins: given a set id, at least that set and its bases; given null, every set.</param>
/// <param name="reporter">How the set choice is reported.</param>
public sealed class CommuneEvaluation(Func<string?, PluginHost> plugins, ISetChoiceReporter reporter)
{
    /// <summary>Runs the evaluation.</summary>
    /// <exception cref="InputException">Unknown set, no single set applies, or data that cannot be read (every problem, located).</exception>
    /// <exception cref="PluginException">The set is in a refused plugin.</exception>
    public async Task<EvaluationOutcome> EvaluateAsync(EvaluationRequest request, CancellationToken cancel)
    {
        var host = plugins(request.Set.SetId);
        var compiled = SetResolver.Resolve(host, request.Set, reporter, request.DataPath, request.DisplayPath);
        var warnings = new List<Problem>();
        var data = CommuneFileReader.ReadOne(request.DataPath, request.DisplayPath, compiled.Set, warnings);
        return new EvaluationOutcome(host, await EvaluateAsync(host, compiled, data, warnings, request.Execution, cancel));
    }

    /// <summary>
    /// Evaluates one commune's data file received in memory (a web upload of a kind
    /// <see cref="CommuneFileReader.InMemoryExtensions"/> lists) against the set <paramref name="setId"/> names:
    /// read as the same file on disk would be, and the bytes kept as they came for its record.
    /// </summary>
    /// <returns>The evaluation, and the bytes its record keeps (<see cref="EvaluatedBytes"/>).</returns>
    /// <exception cref="InputException">Unknown set, or data that cannot be read (every problem, located).</exception>
    /// <exception cref="PluginException">The set is in a refused plugin.</exception>
    public async Task<(EvaluationOutcome Outcome, EvaluatedBytes Data)> EvaluateAsync(byte[] bytes, string displayName, string setId, CancellationToken cancel)
    {
        var host = plugins(setId);
        var compiled = host.GetSet(setId);
        var warnings = new List<Problem>();
        var data = CommuneFileReader.ReadOne(bytes, displayName, compiled.Set, warnings);
        var result = await EvaluateAsync(host, compiled, data, warnings, RuleExecution.Compiled, cancel);
        return (new EvaluationOutcome(host, result), new EvaluatedBytes(bytes));
    }

    /// <summary>Evaluates figures typed for one commune (<see cref="TypedCommune"/>) against the set <paramref name="setId"/> names.</summary>
    /// <returns>The evaluation, and the bytes its record keeps (<see cref="EvaluatedBytes"/>).</returns>
    /// <exception cref="InputException">Unknown set, or invalid figures (every problem, located).</exception>
    /// <exception cref="PluginException">The set is in a refused plugin.</exception>
    public async Task<(EvaluationOutcome Outcome, EvaluatedBytes Data)> EvaluateAsync(TypedFigures figures, string setId, CancellationToken cancel)
    {
        var host = plugins(setId);
        var compiled = host.GetSet(setId);
        var typed = TypedCommune.Read(figures, compiled.Set);
        var result = await EvaluateAsync(host, compiled, typed.Data, typed.Warnings, RuleExecution.Compiled, cancel);
        return (new EvaluationOutcome(host, result), new EvaluatedBytes(typed.Bytes));
    }

    /// <summary>Evaluates data already read, with the warnings its reading gave merged in front of the result's problems.</summary>
    public static async Task<EvaluationResult> EvaluateAsync(PluginHost host, CompiledCriteriaSet set, Kernel.Data.CommuneData data, IReadOnlyList<Problem> readWarnings,
        RuleExecution execution, CancellationToken cancel)
    {
        var result = await host.Evaluator.EvaluateAsync(set, data, execution, cancel);
        return result with { Problems = readWarnings.Concat(result.Problems).ToArray() };
    }
}
