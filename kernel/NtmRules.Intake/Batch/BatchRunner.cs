using System.Globalization;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Intake.Batch;

/// <summary>A data file to read, with the name the user gave it.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="DisplayPath">As the user named it, for messages.</param>
public sealed record BatchInput(string Path, string DisplayPath);

/// <summary>Progress of a running batch.</summary>
/// <param name="Evaluated">Communes evaluated and written so far.</param>
/// <param name="Rejected">Rows rejected so far.</param>
public readonly record struct BatchProgress(int Evaluated, int Rejected);

/// <summary>What a batch did.</summary>
/// <param name="Report">The aggregate report.</param>
/// <param name="Problems">The problems found by the readers (rejected rows and cells, file warnings) and the evaluation warnings, in input order: all of them, or the first <see cref="BatchRunner.ProblemsKept"/>; errors.csv has every one.</param>
/// <param name="Accepted">Rows evaluated.</param>
/// <param name="Rejected">Rows (or whole files) rejected.</param>
/// <param name="ExpressionErrors">Communes on which a rule failed at run time (a plugin defect).</param>
public sealed record BatchOutcome(AggregateReport Report, IReadOnlyList<IntakeProblem> Problems, int Accepted, int Rejected, int ExpressionErrors)
{
    private readonly int? _problemCount;

    /// <summary>Every evaluated commune's outcome (criteria met, unmet indicators), in input order, when <see cref="BatchRunner.KeepCommunes"/>; empty otherwise.</summary>
    public IReadOnlyList<CommuneOutcome> Communes { get; init; } = [];

    /// <summary>How many problems were found (the lines of errors.csv), also those not kept in <see cref="Problems"/>.</summary>
    public int ProblemCount { get => _problemCount ?? Problems.Count; init => _problemCount = value; }
}

/// <summary>
/// Reads every commune of the inputs, evaluates the accepted ones in parallel with
/// <see cref="Evaluator.EvaluateManyAsync(CompiledCriteriaSet, IEnumerable{CommuneData}, int?, CancellationToken)"/> (bounded, ordered, streaming), writes one
/// line per commune to <c>results.csv</c> (its counts and every indicator's status, about 1 KB), the
/// rejected rows and the warnings to <c>errors.csv</c> (both as results arrive, problems in input
/// order, so that nothing held grows with the province) and the aggregate to <c>report.md</c> and <c>report.xlsx</c>;
/// on request also the full <c>ntm.evaluation/1</c> file of every commune under <c>communes/</c>
/// (about 110 KB each: 136.468 communes made 16 GB, so it is never the default). Output depends
/// only on the inputs: file names follow input order, nothing carries the time.
/// </summary>
public sealed class BatchRunner
{
    /// <summary>Folder of the per-commune results, inside the output folder.</summary>
    public const string CommunesFolder = "communes";

    /// <summary>The compact results file, one line per evaluated commune (<see cref="ResultCsvWriter"/>).</summary>
    public const string ResultsFile = "results.csv";

    /// <summary>The rejected rows and cells and the warnings, one line per problem (<see cref="ErrorReportWriter"/>).</summary>
    public const string ErrorsFile = "errors.csv";

    private readonly Evaluator _evaluator;
    private readonly CompiledCriteriaSet _compiled;

    /// <summary>A runner evaluating against <paramref name="compiled"/>.</summary>
    public BatchRunner(Evaluator evaluator, CompiledCriteriaSet compiled)
    {
        _evaluator = evaluator;
        _compiled = compiled;
    }

    /// <summary>The report's extra table by province, commune group or former district (<c>groupByDistrict</c> asks for the district one).</summary>
    public ReportGrouping Grouping { get; init; }

    /// <summary>
    /// Whether <see cref="BatchOutcome.Communes"/> lists every evaluated commune (the web's batch page shows them).
    /// Off, with <see cref="ProblemsKept"/> bounded, nothing kept grows with the number of communes: a province of 100.000 streams in flat memory.
    /// </summary>
    public bool KeepCommunes { get; init; } = true;

    /// <summary>How many problems <see cref="BatchOutcome.Problems"/> keeps, the first ones; errors.csv always has every one.</summary>
    public int ProblemsKept { get; init; } = int.MaxValue;

    /// <summary>Runs the batch.</summary>
    /// <param name="inputs">The files, in the order their communes are numbered.</param>
    /// <param name="outputFolder">Created if absent; existing result files of the same names are replaced.</param>
    /// <param name="groupByDistrict">Whether the report has a per-district table.</param>
    /// <param name="progress">Called after each commune, on the consuming thread.</param>
    /// <param name="maxDegreeOfParallelism">Communes evaluated at once; null for one per processor.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="fullResults">Also write every commune's full <c>ntm.evaluation/1</c> file under <c>communes/</c>.</param>
    public async Task<BatchOutcome> RunAsync(IReadOnlyList<BatchInput> inputs, string outputFolder, bool groupByDistrict,
        Action<BatchProgress>? progress = null, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default, bool fullResults = false)
    {
        using var output = new BatchOutput(_compiled, outputFolder, fullResults, ProblemsKept, KeepCommunes);
        var order = new ProblemsInInputOrder();
        await foreach (var result in _evaluator.EvaluateManyAsync(_compiled, Accepted(inputs, order), maxDegreeOfParallelism, cancellationToken))
        {
            var (where, before) = order.Take(result.Data);
            output.Write(before);
            var outcome = output.Add(result, where);
            progress?.Invoke(new BatchProgress(outcome.Sequence, order.Rejected));
        }
        output.Write(order.Rest());
        return output.Finish(order.Rejected, groupByDistrict ? ReportGrouping.District : Grouping);
    }

    /// <summary>The accepted communes of every input in order (read on the evaluation's background task); problems and rejections go to <paramref name="order"/>.</summary>
    private IEnumerable<CommuneData> Accepted(IReadOnlyList<BatchInput> inputs, ProblemsInInputOrder order)
    {
        foreach (var input in inputs)
        {
            var fileWarnings = new List<IntakeProblem>();
            var rows = Open(input, fileWarnings, order);
            if (rows is null) continue;
            order.Note(fileWarnings);
            using (rows)
            {
                while (Next(rows, input, order) is { } row)
                {
                    if (Accept(row, order) is { } data) yield return data;
                }
            }
        }
    }

    /// <summary>The rows of <paramref name="input"/>; null when the whole file is rejected.</summary>
    private IEnumerator<IntakeRow>? Open(BatchInput input, List<IntakeProblem> fileWarnings, ProblemsInInputOrder order)
    {
        try
        {
            return CommuneFileReader.Read(input.Path, input.DisplayPath, _compiled.Set, fileWarnings).GetEnumerator();
        }
        catch (InputException e)
        {
            RejectFile(e, input, order);
            return null;
        }
    }

    /// <summary>The next row; null at the end of the file or when the rest of it cannot be read.</summary>
    private static IntakeRow? Next(IEnumerator<IntakeRow> rows, BatchInput input, ProblemsInInputOrder order)
    {
        try
        {
            return rows.MoveNext() ? rows.Current : null;
        }
        catch (InputException e)
        {
            RejectFile(e, input, order);
            return null;
        }
    }

    /// <summary>The row's data when it is evaluated; its problems are noted either way.</summary>
    private CommuneData? Accept(IntakeRow row, ProblemsInInputOrder order)
    {
        order.Note(row.Problems);
        if (row.Data is not null && Evaluator.GroupProblem(_compiled.Set, row.Data) is { } noGroup)
        {
            order.Note([new IntakeProblem(noGroup.Severity, row.File, row.Sheet, row.Row, null, noGroup.Field, null, noGroup.Message)]);
            order.Reject();
            return null;
        }
        if (row.Data is null)
        {
            order.Reject();
            return null;
        }
        order.Pass(row.Data, row.Where);
        return row.Data;
    }

    private static void RejectFile(InputException e, BatchInput input, ProblemsInInputOrder order)
    {
        order.Note(e.Problems.Select(p => FromProblem(p, input.DisplayPath)));
        order.Reject();
    }

    private static IntakeProblem FromProblem(Problem p, string file) =>
        new(p.Severity, p.File ?? file, null, p.Line, p.Column?.ToString(CultureInfo.InvariantCulture), p.Field, null, p.Message);
}
