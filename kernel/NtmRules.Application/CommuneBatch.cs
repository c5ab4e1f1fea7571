using System.Globalization;
using NtmRules.Application.Localization;
using NtmRules.Intake.Batch;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;

namespace NtmRules.Application;

/// <summary>Many communes to evaluate with one set, into one output folder.</summary>
/// <param name="Inputs">The files, in the order their communes are numbered; without a set named, it is chosen from the first file's first commune.</param>
/// <param name="Set">The set, named or to be chosen.</param>
/// <param name="OutputFolder">Where results.csv, errors.csv, report.md and report.xlsx go.</param>
/// <param name="Grouping">The report's extra table (by province, commune group, former district), if any.</param>
/// <param name="FullResults">Also write every commune's full result under <c>communes/</c>.</param>
public sealed record BatchRequest(IReadOnlyList<BatchInput> Inputs, SetChoice Set, string OutputFolder, ReportGrouping Grouping = default, bool FullResults = false)
{
    /// <summary>List every evaluated commune in the outcome (<see cref="BatchRunner.KeepCommunes"/>); off for a province streamed in flat memory.</summary>
    public bool KeepCommunes { get; init; } = true;

    /// <summary>How many problems the outcome keeps (<see cref="BatchRunner.ProblemsKept"/>); errors.csv has every one.</summary>
    public int ProblemsKept { get; init; } = int.MaxValue;
}

/// <summary><c>ntm batch</c> and the web's batch page: one set chosen, every commune evaluated in parallel, the aggregate report written.</summary>
/// <param name="host">The plugins.</param>
/// <param name="reporter">How the set choice is reported.</param>
public sealed class CommuneBatch(PluginHost host, ISetChoiceReporter reporter)
{
    /// <summary>A file, or a folder's .json/.xlsx/.csv files in name order (not recursive; Excel's "~$" lock files skipped).</summary>
    /// <exception cref="InputException">No such file or folder, or a folder without data files (located at <paramref name="field"/>).</exception>
    public static IReadOnlyList<BatchInput> Inputs(string fileOrFolder, string field)
    {
        if (File.Exists(fileOrFolder)) return [new BatchInput(fileOrFolder, fileOrFolder)];
        if (!Directory.Exists(fileOrFolder)) throw new InputException(new Problem(Severity.Error, ApplicationMessages.NoSuchFileOrFolder, fileOrFolder, Field: field));
        var files = Directory.EnumerateFiles(fileOrFolder)
            .Where(f => CommuneFileReader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()) && !Path.GetFileName(f).StartsWith("~$", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new BatchInput(f, f))
            .ToArray();
        if (files.Length == 0) throw new InputException(new Problem(Severity.Error, ApplicationMessages.FolderHoldsNoData, fileOrFolder, Field: field));
        return files;
    }

    /// <summary>Runs the batch; <paramref name="progress"/> hears after each commune.</summary>
    /// <exception cref="InputException">Unknown set, or no single set applies.</exception>
    /// <exception cref="PluginException">The set is in a refused plugin.</exception>
    public Task<BatchOutcome> RunAsync(BatchRequest request, Action<BatchProgress>? progress, CancellationToken cancel)
    {
        var first = request.Inputs[0];
        var compiled = SetResolver.Resolve(host, request.Set, reporter, first.Path, first.DisplayPath);
        var runner = new BatchRunner(host.Evaluator, compiled) { Grouping = request.Grouping, KeepCommunes = request.KeepCommunes, ProblemsKept = request.ProblemsKept };
        return runner.RunAsync(request.Inputs, request.OutputFolder, groupByDistrict: false, progress, cancellationToken: cancel, fullResults: request.FullResults);
    }
}
