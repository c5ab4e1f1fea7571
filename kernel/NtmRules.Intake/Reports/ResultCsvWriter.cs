using System.Globalization;
using nietras.SeparatedValues;
using NtmRules.Intake.Csv;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Intake.Reports;

/// <summary>
/// Writes a province's results one commune per line, as they stream out of
/// <see cref="Evaluator.EvaluateManyAsync(CompiledCriteriaSet, IEnumerable{CommuneData}, int?, CancellationToken)"/>: identity, the counts of the summary, data errors, and
/// every indicator's status code. A full <c>ntm.evaluation/1</c> document is about 110 KB per
/// commune; this is the file a province-wide run keeps, about 1 KB per commune. Names and codes
/// are written through <see cref="CsvPolicy.Cell"/> (quoted, and neutralised against formula injection).
/// Dispose it before the output is closed: the last rows are written then.
/// </summary>
public sealed class ResultCsvWriter : IDisposable
{
    private static readonly string[] Leading =
    [
        "code", "name", "region", "thresholdRegion", "evaluationDate", "criteriaMet", "criteriaTotal", "indicatorsMet", "indicatorsTotal",
        "indicatorsNotMet", "indicatorsMissingData", "indicatorsNotApplicable", "dataErrors", "dataSha256",
    ];

    private readonly SepWriter _csv;
    private readonly CriteriaSet _set;

    /// <summary>Writes the header line for <paramref name="set"/>.</summary>
    public ResultCsvWriter(TextWriter output, CriteriaSet set)
    {
        _csv = CsvPolicy.Writer(output);
        _set = set;
        CsvPolicy.WriteRow(_csv, [.. Leading, .. set.Indicators.Select(i => i.Code)]);
    }

    /// <summary>Writes one commune's line.</summary>
    public void Write(EvaluationResult result)
    {
        if (!ReferenceEquals(result.Set, _set)) throw new ArgumentException($"a result of set {result.Set.Id} in a file of set {_set.Id}", nameof(result));
        var s = result.Summary;
        var data = result.Data;
        using var row = _csv.NewRow();
        row[0].Set(CsvPolicy.Cell(data.Commune.Code));
        row[1].Set(CsvPolicy.Cell(data.Commune.Name));
        row[2].Set(data.Region.Code());
        row[3].Set(data.ThresholdRegion.Code());
        row[4].Set(result.EvaluationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var col = 5;
        foreach (var n in (ReadOnlySpan<int>)[s.CriteriaMet, s.CriteriaTotal, s.IndicatorsMet, s.IndicatorsTotal, s.IndicatorsNotMet,
                     s.IndicatorsMissingData, s.IndicatorsNotApplicable, result.Problems.Count(p => p.Severity == Severity.Error)])
        {
            row[col++].Set(n.ToString(CultureInfo.InvariantCulture));
        }
        row[col++].Set(data.ContentSha256);
        foreach (var criterion in result.Criteria)
        {
            foreach (var indicator in criterion.Indicators) row[col++].Set(indicator.Status.Code());
        }
    }

    /// <summary>Writes what is still buffered to the output (which stays open).</summary>
    public void Dispose() => _csv.Dispose();
}
