using NtmRules.Kernel.Localization;
using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Output;
using NtmRules.Records.Localization;

namespace NtmRules.Records;

/// <summary>The verdict on one record re-run with the plugins installed now.</summary>
/// <param name="Record">The record.</param>
/// <param name="PluginMissing">Set when the record's set is not installed: which plugin and version it needs.</param>
/// <param name="Differences">What differs between the stored result and the re-run; empty when identical.</param>
public sealed record RecordVerification(EvaluationRecord Record, string? PluginMissing, IReadOnlyList<string> Differences)
{
    /// <summary>Identical: the plugin is there and the re-run gives byte-identical results.</summary>
    public bool Identical => PluginMissing is null && Differences.Count == 0;
}

/// <summary>Re-runs saved evaluations to show that neither the data nor the plugin changed since — or what did.</summary>
public static class RecordVerifier
{
    /// <summary>Re-evaluates <paramref name="record"/>'s stored data with <paramref name="host"/>'s plugins and compares.</summary>
    public static async Task<RecordVerification> VerifyAsync(EvaluationRecord record, PluginHost host, CancellationToken cancel = default)
    {
        var set = host.Sets.FirstOrDefault(s => s.Set.Id == record.SetId);
        if (set is null)
            return new RecordVerification(record, MessageText.Format(RecordMessages.PluginNotInstalled, record.Id, record.PluginId, record.PluginVersion, record.SetId), []);
        var differences = ProvenanceDifferences(record, set.Set);
        differences.AddRange(await ResultDifferencesAsync(record, set, host, cancel));
        return new RecordVerification(record, null, differences);
    }

    /// <summary>What changed in the plugins the result rests on: the set's own (version, hash, who vouched for it) and its bases'.</summary>
    private static List<string> ProvenanceDifferences(EvaluationRecord record, CriteriaSet set)
    {
        var differences = new List<string>();
        if (set.Plugin.Version != record.PluginVersion)
            differences.Add(MessageText.Format(RecordMessages.PluginVersionChanged, record.PluginVersion, set.Plugin.Version));
        if (set.Plugin.ContentHash != record.PluginSha256)
            differences.Add(MessageText.Format(RecordMessages.PluginHashChanged, record.PluginSha256, set.Plugin.ContentHash));

        // Who vouched for the plugin's files is provenance too (signed by whom, bundled, loaded unsigned).
        var saved = JObject.Parse(record.EvaluationJson);
        var signatureThen = saved["plugin"]?["signature"] is JObject savedSignature ? SignatureText(savedSignature) : RecordMessages.SignatureNotRecorded;
        var signatureNow = SignatureText(set.Plugin.Signature);
        if (signatureThen != signatureNow)
            differences.Add(MessageText.Format(RecordMessages.PluginSignatureChanged, signatureThen, signatureNow));

        // A provincial set's result also depends on the plugins of the sets it extends; the stored
        // result names each with its version and hash (set.extends).
        var savedBases = (saved["set"]?["extends"] as JArray ?? [])
            .ToDictionary(b => (string)b["setId"]!, b => ((string?)b["plugin"]?["version"], (string?)b["plugin"]?["contentSha256"]), StringComparer.Ordinal);
        foreach (var b in set.Bases)
        {
            if (!savedBases.TryGetValue(b.SetId, out var then))
                differences.Add(MessageText.Format(RecordMessages.BaseSetNew, b.SetId, b.Plugin.Id));
            else if (then.Item2 != b.Plugin.ContentHash)
                differences.Add(MessageText.Format(RecordMessages.BasePluginChanged, b.Plugin.Id, b.SetId, then.Item1, then.Item2, b.Plugin.Version, b.Plugin.ContentHash));
        }
        foreach (var gone in savedBases.Keys.Where(k => set.Bases.All(b => b.SetId != k)))
            differences.Add(MessageText.Format(RecordMessages.BaseSetGone, gone));
        return differences;
    }

    /// <summary>
    /// The stored result document against a re-run. The document holds texts for people (data problems,
    /// indicator errors, labels) in the language of the session that saved it, which need not be this
    /// session's: the re-run is written in each language ntm speaks, this session's first, and the
    /// result is unchanged when one of them gives the same bytes. Otherwise the differences shown are
    /// those of the closest re-run, so a change of language never reads as a change of result.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ResultDifferencesAsync(EvaluationRecord record, CompiledCriteriaSet set, PluginHost host, CancellationToken cancel)
    {
        var session = CultureInfo.CurrentUICulture;
        var saved = JObject.Parse(record.EvaluationJson);
        IReadOnlyList<string>? closest = null;
        foreach (var language in MessageText.LanguagesFirst(session))
        {
            var now = await RerunAsync(record, set, host, language, cancel);
            if (now == record.EvaluationJson) return [];
            IReadOnlyList<string> found = ResultDifferences(saved, JObject.Parse(now)).ToArray();
            if (found.Count == 0) found = [RecordMessages.OtherFieldsDiffer];
            if (closest is null || found.Count < closest.Count) closest = found;
        }
        return closest!;
    }

    /// <summary>The record's stored data read and evaluated again, the result document written as it would be in <paramref name="language"/>.</summary>
    private static async Task<string> RerunAsync(EvaluationRecord record, CompiledCriteriaSet set, PluginHost host, CultureInfo language, CancellationToken cancel)
    {
        var session = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language;
        try
        {
            var data = StoredDataReader.ReadOne(record.DataBytes, record.DataFile, set.Set);
            var result = await host.Evaluator.EvaluateAsync(set, data, cancel);
            var writer = new StringWriter();
            EvaluationJsonWriter.Write(result, writer);
            return writer.ToString();
        }
        finally
        {
            CultureInfo.CurrentUICulture = session;
        }
    }

    private static string SignatureText(JObject s) => Describe((string?)s["status"], (string?)s["keyName"], (string?)s["keyId"]);

    private static string SignatureText(PluginSignature s) => Describe(s.Code, s.KeyName, s.KeyId);

    private static string Describe(string? status, string? keyName, string? keyId) =>
        keyId is null ? status ?? ""
        : keyName is null ? MessageText.Format(RecordMessages.SignatureKey, status, keyId)
        : MessageText.Format(RecordMessages.SignatureKeyNamed, status, keyId, keyName);

    /// <summary>An item's status label in the session's language.</summary>
    private static string Status(JToken item) => StoredResult.Standing(item, withFigure: false).StatusIn(System.Globalization.CultureInfo.CurrentUICulture);

    private static IEnumerable<string> ResultDifferences(JObject before, JObject after)
    {
        string Summary(JObject d) => (string)d["summary"]!["text"]!;
        if (Summary(before) != Summary(after)) yield return MessageText.Format(RecordMessages.SummaryChanged, Summary(before), Summary(after));
        var old = StoredResult.Indicators(before);
        var cur = StoredResult.Indicators(after);
        foreach (var (code, o) in old)
        {
            if (!cur.TryGetValue(code, out var n)) { yield return MessageText.Format(RecordMessages.IndicatorGone, code); continue; }
            if ((string)o["status"]! != (string)n["status"]!)
                yield return MessageText.Format(RecordMessages.IndicatorResultChanged, code, Status(o), Status(n));
            var ov = o["actual"]?.Type == JTokenType.Object ? o["actual"]!["value"]!.ToString() : "—";
            var nv = n["actual"]?.Type == JTokenType.Object ? n["actual"]!["value"]!.ToString() : "—";
            if (ov != nv) yield return MessageText.Format(RecordMessages.IndicatorValueChanged, code, ov, nv);
            var ot = o["threshold"]!["operator"] + " " + o["threshold"]!["value"];
            var nt = n["threshold"]!["operator"] + " " + n["threshold"]!["value"];
            if (ot != nt) yield return MessageText.Format(RecordMessages.IndicatorThresholdChanged, code, ot, nt);
        }
        foreach (var code in cur.Keys.Where(k => !old.ContainsKey(k))) yield return MessageText.Format(RecordMessages.IndicatorNew, code);
    }
}
