using System.Globalization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;

namespace NtmRules.Intake.Reports;

/// <summary>
/// Writes a province's results one commune per line, as they stream out of
/// <see cref="Evaluator.EvaluateManyAsync(CompiledCriteriaSet, IEnumerable{CommuneData}, int?, CancellationToken)"/>: identity, the counts of the summary, data errors, and
/// every indicator's status code. A full <c>ntm.evaluation/1</c> document is about 110 KB per
/// commune; this is the file a province-wide run keeps, about 1 KB per commune. Names and codes
/// are written through <see cref="CsvCell"/> (quoted, and neutralised against formula injection).
/// </summary>
public sealed class ResultCsvWriter
{
    private readonly TextWriter _output;
    private readonly CriteriaSet _set;

    /// <summary>Writes the header line for <paramref name="set"/>.</summary>
    public ResultCsvWriter(TextWriter output, CriteriaSet set)
    {
        _output = output;
        _set = set;
        output.Write("code,name,region,thresholdRegion,evaluationDate,criteriaMet,criteriaTotal,indicatorsMet,indicatorsTotal,"
            + "indicatorsNotMet,indicatorsMissingData,indicatorsNotApplicable,dataErrors,dataSha256");
        foreach (var i in set.Indicators) output.Write("," + i.Code);
        output.Write('\n');
    }

    /// <summary>Writes one commune's line.</summary>
    public void Write(EvaluationResult result)
    {
        if (!ReferenceEquals(result.Set, _set)) throw new ArgumentException($"a result of set {result.Set.Id} in a file of set {_set.Id}", nameof(result));
        var s = result.Summary;
        var data = result.Data;
        var o = _output;
        o.Write(CsvCell.Of(data.Commune.Code)); o.Write(',');
        o.Write(CsvCell.Of(data.Commune.Name)); o.Write(',');
        o.Write(data.Region.Code()); o.Write(',');
        o.Write(data.ThresholdRegion.Code()); o.Write(',');
        o.Write(result.EvaluationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var n in (ReadOnlySpan<int>)[s.CriteriaMet, s.CriteriaTotal, s.IndicatorsMet, s.IndicatorsTotal, s.IndicatorsNotMet,
                     s.IndicatorsMissingData, s.IndicatorsNotApplicable, result.Problems.Count(p => p.Severity == Severity.Error)])
        {
            o.Write(',');
            o.Write(n.ToString(CultureInfo.InvariantCulture));
        }
        o.Write(',');
        o.Write(data.ContentSha256);
        foreach (var criterion in result.Criteria)
        {
            foreach (var indicator in criterion.Indicators)
            {
                o.Write(',');
                o.Write(indicator.Status.Code());
            }
        }
        o.Write('\n');
    }
}
