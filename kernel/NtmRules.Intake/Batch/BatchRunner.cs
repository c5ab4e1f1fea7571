using System.Globalization;
using System.Text;
using NtmRules.Intake.Csv;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;

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
/// <param name="Problems">Every problem found by the readers (rejected rows and cells, file warnings) and every evaluation warning, in input order.</param>
/// <param name="Accepted">Rows evaluated.</param>
/// <param name="Rejected">Rows (or whole files) rejected.</param>
/// <param name="ExpressionErrors">Communes on which a rule failed at run time (a plugin defect).</param>
public sealed record BatchOutcome(AggregateReport Report, IReadOnlyList<IntakeProblem> Problems, int Accepted, int Rejected, int ExpressionErrors)
{
    /// <summary>Every evaluated commune's outcome (criteria met, unmet indicators), in input order.</summary>
    public IReadOnlyList<CommuneOutcome> Communes { get; init; } = [];
}

/// <summary>
/// Reads every commune of the inputs, evaluates the accepted ones in parallel with
/// <see cref="Evaluator.EvaluateManyAsync(CompiledCriteriaSet, IEnumerable{CommuneData}, int?, CancellationToken)"/> (bounded, ordered, streaming), writes one
/// line per commune to <c>results.csv</c> (its counts and every indicator's status, about 1 KB), the
/// rejected rows to <c>errors.csv</c> and the aggregate to <c>report.md</c> and <c>report.xlsx</c>;
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
        var communes = Path.Combine(outputFolder, CommunesFolder);
        Directory.CreateDirectory(outputFolder);
        if (fullResults) Directory.CreateDirectory(communes);
        using var resultsFile = new StreamWriter(Path.Combine(outputFolder, ResultsFile), false, CsvPolicy.Utf8WithBom) { NewLine = "\n" };
        using var results = new ResultCsvWriter(resultsFile, _compiled.Set);
        // Written by the reading side (one background task), read by the consumer only after the run or as a count.
        var problems = new List<IntakeProblem>();
        var rejected = 0;
        var origin = new System.Collections.Concurrent.ConcurrentDictionary<CommuneData, string>(ReferenceEqualityComparer.Instance);

        IEnumerable<CommuneData> Accepted()
        {
            foreach (var input in inputs)
            {
                var fileWarnings = new List<IntakeProblem>();
                IEnumerator<IntakeRow> rows;
                try
                {
                    rows = CommuneFileReader.Read(input.Path, input.DisplayPath, _compiled.Set, fileWarnings).GetEnumerator();
                }
                catch (InputException e)
                {
                    lock (problems) problems.AddRange(e.Problems.Select(p => FromProblem(p, input.DisplayPath)));
                    Interlocked.Increment(ref rejected);
                    continue;
                }
                lock (problems) problems.AddRange(fileWarnings);
                using (rows)
                {
                    while (true)
                    {
                        IntakeRow row;
                        try
                        {
                            if (!rows.MoveNext()) break;
                            row = rows.Current;
                        }
                        catch (InputException e)
                        {
                            lock (problems) problems.AddRange(e.Problems.Select(p => FromProblem(p, input.DisplayPath)));
                            Interlocked.Increment(ref rejected);
                            break;
                        }
                        lock (problems) problems.AddRange(row.Problems);
                        if (row.Data is not null && Evaluator.GroupProblem(_compiled.Set, row.Data) is { } noGroup)
                        {
                            lock (problems) problems.Add(new IntakeProblem(noGroup.Severity, row.File, row.Sheet, row.Row, null, noGroup.Field, null, noGroup.Message));
                            Interlocked.Increment(ref rejected);
                            continue;
                        }
                        if (row.Data is null)
                        {
                            Interlocked.Increment(ref rejected);
                            continue;
                        }
                        origin[row.Data] = row.Where;
                        yield return row.Data;
                    }
                }
            }
        }

        var aggregator = new Aggregator(_compiled.Set);
        var expressionErrors = 0;
        await foreach (var result in _evaluator.EvaluateManyAsync(_compiled, Accepted(), maxDegreeOfParallelism, cancellationToken))
        {
            origin.TryRemove(result.Data, out var where);
            where ??= result.Data.File;
            var outcome = aggregator.Add(result, where);
            if (result.HasExpressionErrors) expressionErrors++;
            foreach (var p in result.Problems)
            {
                lock (problems) problems.Add(new IntakeProblem(p.Severity, result.Data.File, null, p.Line, null, p.Field, null, p.Message));
            }
            results.Write(result);
            if (fullResults)
            {
                using var writer = new StreamWriter(Path.Combine(communes, FileName(outcome)), false, new UTF8Encoding(false));
                writer.NewLine = "\n";
                EvaluationJsonWriter.Write(result, writer);
            }
            progress?.Invoke(new BatchProgress(outcome.Sequence, Volatile.Read(ref rejected)));
        }

        var report = aggregator.Build(rejected, groupByDistrict ? ReportGrouping.District : Grouping);
        IntakeProblem[] all;
        lock (problems) all = problems.ToArray();
        ErrorReportWriter.Write(all, Path.Combine(outputFolder, "errors.csv"));
        File.WriteAllText(Path.Combine(outputFolder, "report.md"), AggregateMarkdownWriter.Write(report), new UTF8Encoding(false));
        AggregateXlsxWriter.Write(report, Path.Combine(outputFolder, "report.xlsx"));
        return new BatchOutcome(report, all, aggregator.Outcomes.Count, rejected, expressionErrors) { Communes = aggregator.Outcomes.ToArray() };
    }

    /// <summary>"00042-S000042.json": input order first, then the commune code (or nothing) made safe for any file system.</summary>
    private static string FileName(CommuneOutcome o)
    {
        var sequence = o.Sequence.ToString("D5", CultureInfo.InvariantCulture);
        var code = new string((o.Code ?? "").Where(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_').Take(40).ToArray());
        return code.Length == 0 ? sequence + ".json" : $"{sequence}-{code}.json";
    }

    private static IntakeProblem FromProblem(Problem p, string file) =>
        new(p.Severity, p.File ?? file, null, p.Line, p.Column?.ToString(CultureInfo.InvariantCulture), p.Field, null, p.Message);
}
