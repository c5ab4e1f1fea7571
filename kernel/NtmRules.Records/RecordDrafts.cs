using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;

namespace NtmRules.Records;

/// <summary>Builds the record of an evaluation, the same way for the CLI (<c>evaluate --save</c>) and the web application.</summary>
public static class RecordDrafts
{
    /// <summary>
    /// The record of <paramref name="result"/>: the data file's bytes, the <c>ntm.evaluation/1</c>
    /// result, the <c>ntm.trace/1</c> trace with its provenance at <paramref name="at"/>.
    /// </summary>
    /// <param name="result">An evaluation without data errors or rule failures (the caller checks).</param>
    /// <param name="dataBytes">The bytes of the data file evaluated (their SHA-256 is the result's).</param>
    /// <param name="at">When it is saved.</param>
    public static RecordDraft Of(EvaluationResult result, byte[] dataBytes, DateTimeOffset at)
    {
        var provenance = Provenance.Of(result, at);
        var evaluation = new StringWriter();
        EvaluationJsonWriter.Write(result, evaluation);
        var trace = new StringWriter();
        TraceJsonWriter.Write(result, result.Indicators, provenance, trace);
        var c = result.Data.Commune;
        return new RecordDraft(
            c.Code ?? $"{c.Name}|{c.Province}", c.Name, c.Code, c.Province, result.Data.Year,
            result.Set.Id, provenance.PluginId, provenance.PluginVersion, provenance.PluginContentSha256,
            provenance.KernelVersion, provenance.RulesEngineVersion, result.Data.File, dataBytes,
            evaluation.ToString(), trace.ToString(), result.Summary.ToString());
    }
}
