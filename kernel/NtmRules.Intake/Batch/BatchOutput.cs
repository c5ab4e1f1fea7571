using System.Globalization;
using System.Text;
using NtmRules.Intake.Csv;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;

namespace NtmRules.Intake.Batch;

/// <summary>
/// The consuming side of a batch: writes each result's line, its problems and (on request) its full file as it
/// arrives, and adds it to the aggregate; what it keeps for the <see cref="BatchOutcome"/> is bounded unless asked otherwise.
/// </summary>
internal sealed class BatchOutput : IDisposable
{
    private readonly string _folder;
    private readonly string? _communes;
    private readonly StreamWriter _resultsFile;
    private readonly ResultCsvWriter _results;
    private readonly ErrorReportWriter _errors;
    private readonly Aggregator _aggregator;
    private readonly List<IntakeProblem> _problems = [];
    private readonly int _problemsKept;
    private readonly List<CommuneOutcome>? _kept;
    private int _problemCount;
    private int _expressionErrors;

    /// <summary>Creates <paramref name="folder"/> (and <c>communes/</c> when <paramref name="fullResults"/>) and opens results.csv and errors.csv.</summary>
    public BatchOutput(CompiledCriteriaSet compiled, string folder, bool fullResults, int problemsKept, bool keepCommunes)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
        if (fullResults) Directory.CreateDirectory(_communes = Path.Combine(folder, BatchRunner.CommunesFolder));
        _resultsFile = new StreamWriter(Path.Combine(folder, BatchRunner.ResultsFile), false, CsvPolicy.Utf8WithBom) { NewLine = "\n" };
        _results = new ResultCsvWriter(_resultsFile, compiled.Set);
        _errors = new ErrorReportWriter(Path.Combine(folder, BatchRunner.ErrorsFile));
        _aggregator = new Aggregator(compiled.Set);
        _problemsKept = problemsKept;
        _kept = keepCommunes ? [] : null;
    }

    /// <summary>Writes a problem to errors.csv, keeping it for the outcome while fewer than asked are kept.</summary>
    public void Write(IntakeProblem problem)
    {
        _errors.Write(problem);
        if (_problemCount++ < _problemsKept) _problems.Add(problem);
    }

    /// <summary>Writes every problem of <paramref name="problems"/>.</summary>
    public void Write(IEnumerable<IntakeProblem> problems)
    {
        foreach (var p in problems) Write(p);
    }

    /// <summary>Adds one result (after the problems of its row): its evaluation warnings, its results line, its full file.</summary>
    public CommuneOutcome Add(EvaluationResult result, string where)
    {
        var outcome = _aggregator.Add(result, where);
        _kept?.Add(outcome);
        if (result.HasExpressionErrors) _expressionErrors++;
        foreach (var p in result.Problems)
        {
            Write(new IntakeProblem(p.Severity, result.Data.File, null, p.Line, null, p.Field, null, p.Message));
        }
        _results.Write(result);
        if (_communes is not null) WriteFull(result, Path.Combine(_communes, FileName(outcome)));
        return outcome;
    }

    /// <summary>Writes report.md and report.xlsx and says what the batch did.</summary>
    public BatchOutcome Finish(int rejected, ReportGrouping grouping)
    {
        var report = _aggregator.Build(rejected, grouping);
        File.WriteAllText(Path.Combine(_folder, "report.md"), AggregateMarkdownWriter.Write(report), new UTF8Encoding(false));
        AggregateXlsxWriter.Write(report, Path.Combine(_folder, "report.xlsx"));
        return new BatchOutcome(report, _problems.ToArray(), _aggregator.Count, rejected, _expressionErrors)
        {
            Communes = _kept?.ToArray() ?? [],
            ProblemCount = _problemCount,
        };
    }

    /// <summary>Writes what is still buffered and closes results.csv and errors.csv.</summary>
    public void Dispose()
    {
        _results.Dispose();
        _resultsFile.Dispose();
        _errors.Dispose();
    }

    private static void WriteFull(EvaluationResult result, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        EvaluationJsonWriter.Write(result, writer);
    }

    /// <summary>"00042-S000042.json": input order first, then the commune code (or nothing) made safe for any file system.</summary>
    private static string FileName(CommuneOutcome o)
    {
        var sequence = o.Sequence.ToString("D5", CultureInfo.InvariantCulture);
        var code = new string((o.Code ?? "").Where(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_').Take(40).ToArray());
        return code.Length == 0 ? sequence + ".json" : $"{sequence}-{code}.json";
    }
}
