using System.Globalization;
using NtmRules.Kernel.Localization;
using NtmRules.Records.Localization;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Records;

/// <summary>
/// One saved evaluation: the inputs (the data file's bytes), the results and trace, and the
/// provenance, chained by hash to the record before it. Immutable once written.
/// </summary>
public sealed record EvaluationRecord
{
    /// <summary>Sequence number, from 1, without gaps.</summary>
    public required long Id { get; init; }
    /// <summary>When it was saved (UTC, ISO 8601).</summary>
    public required string CreatedAt { get; init; }
    /// <summary>The commune's code when known, else "name|province": what history groups by.</summary>
    public required string CommuneKey { get; init; }
    /// <summary>Commune name.</summary>
    public required string CommuneName { get; init; }
    /// <summary>Commune code, when known.</summary>
    public string? CommuneCode { get; init; }
    /// <summary>Province.</summary>
    public string? Province { get; init; }
    /// <summary>Assessment year.</summary>
    public required int Year { get; init; }
    /// <summary>Criteria set id.</summary>
    public required string SetId { get; init; }
    /// <summary>Plugin id.</summary>
    public required string PluginId { get; init; }
    /// <summary>Plugin version.</summary>
    public required string PluginVersion { get; init; }
    /// <summary>Plugin content SHA-256 at evaluation time.</summary>
    public required string PluginSha256 { get; init; }
    /// <summary>NtmRules.Kernel version.</summary>
    public required string KernelVersion { get; init; }
    /// <summary>RulesEngine version.</summary>
    public required string RulesEngineVersion { get; init; }
    /// <summary>The data file as the user named it.</summary>
    public required string DataFile { get; init; }
    /// <summary>SHA-256 of <see cref="DataBytes"/>.</summary>
    public required string DataSha256 { get; init; }
    /// <summary>The data file's bytes, so the evaluation can be re-run.</summary>
    public required byte[] DataBytes { get; init; }
    /// <summary>The result, <c>ntm.evaluation/1</c>.</summary>
    public required string EvaluationJson { get; init; }
    /// <summary>The trace, <c>ntm.trace/1</c>.</summary>
    public required string TraceJson { get; init; }
    /// <summary>"11/19 tiêu chí, 47/57 chỉ tiêu", as saved (and hashed).</summary>
    public required string Summary { get; init; }

    /// <summary>
    /// <see cref="Summary"/> in <paramref name="language"/>: the saved words in Vietnamese, else the same counts
    /// read from <see cref="EvaluationJson"/> ("11/19 criteria, 47/57 indicators").
    /// </summary>
    public string SummaryIn(CultureInfo language)
    {
        if (!MessageText.IsEnglish(language)) return Summary;
        var s = JObject.Parse(EvaluationJson)["summary"]!;
        var text = RecordMessages.ResourceManager.GetString(nameof(RecordMessages.RecordSummary), language)!;
        return MessageText.Format(text, (int)s["criteriaMet"]!, (int)s["criteriaTotal"]!, (int)s["indicatorsMet"]!, (int)s["indicatorsTotal"]!);
    }
    /// <summary>Hash of the previous record (64 zeros for the first).</summary>
    public required string PreviousHash { get; init; }
    /// <summary>SHA-256 over this record's fields and <see cref="PreviousHash"/>.</summary>
    public required string Hash { get; init; }

    /// <summary>
    /// The communes merged into this record's commune (<c>formerUnits</c>), read from the saved data
    /// itself, so lineage needs no column of its own; empty when the data lists none or is a
    /// spreadsheet (tables and forms carry no lineage).
    /// </summary>
    public IReadOnlyList<FormerUnit> FormerUnits()
    {
        if (!DataFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return [];
        try
        {
            return CommuneDataReader.Parse(DataBytes, DataFile, []).FormerUnits;
        }
        catch (InputException)
        {
            // Saved by a version of ntm that did not check lineage: what it cannot read now is no lineage.
            return [];
        }
    }

    /// <summary>
    /// The evaluated plugin's signature status as saved in <see cref="EvaluationJson"/> (signed by
    /// whom, bundled, allowed unsigned); null for a record saved before ntm recorded it.
    /// </summary>
    public PluginSignature? SavedPluginSignature()
    {
        if (JObject.Parse(EvaluationJson)["plugin"]?["signature"] is not JObject s) return null;
        var status = Enum.GetValues<PluginSignatureStatus>().Select(v => (PluginSignatureStatus?)v)
            .FirstOrDefault(v => new PluginSignature(v!.Value).Code == (string?)s["status"]);
        return status is null ? null : new PluginSignature(status.Value, (string?)s["keyName"], (string?)s["keyId"], (string?)s["reason"]);
    }
}
