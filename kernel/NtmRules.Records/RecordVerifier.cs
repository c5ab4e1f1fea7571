using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Output;

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
            return new RecordVerification(record, $"record {record.Id} needs plugin {record.PluginId} version {record.PluginVersion} (set {record.SetId}), which is not installed", []);

        var differences = new List<string>();
        if (set.Set.Plugin.Version != record.PluginVersion)
            differences.Add($"plugin version changed: {record.PluginVersion} when saved, {set.Set.Plugin.Version} now");
        if (set.Set.Plugin.ContentHash != record.PluginSha256)
            differences.Add($"plugin hash changed: {record.PluginSha256} when saved, {set.Set.Plugin.ContentHash} now");

        // Who vouched for the plugin's files is provenance too (signed by whom, bundled, loaded unsigned).
        var savedSignature = JObject.Parse(record.EvaluationJson)["plugin"]?["signature"] as JObject;
        var signatureThen = savedSignature is null ? "not recorded" : SignatureText(savedSignature);
        var signatureNow = SignatureText(set.Set.Plugin.Signature);
        if (signatureThen != signatureNow)
            differences.Add($"plugin signature changed: {signatureThen} when saved, {signatureNow} now");

        // A provincial set's result also depends on the plugins of the sets it extends; the stored
        // result names each with its version and hash (set.extends).
        var savedBases = (JObject.Parse(record.EvaluationJson)["set"]?["extends"] as JArray ?? [])
            .ToDictionary(b => (string)b["setId"]!, b => ((string?)b["plugin"]?["version"], (string?)b["plugin"]?["contentSha256"]), StringComparer.Ordinal);
        foreach (var b in set.Set.Bases)
        {
            if (!savedBases.TryGetValue(b.SetId, out var saved))
                differences.Add($"base set {b.SetId} ({b.Plugin.Id}) is inherited now but was not when saved");
            else if (saved.Item2 != b.Plugin.ContentHash)
                differences.Add($"base plugin {b.Plugin.Id} of set {b.SetId} changed: version {saved.Item1}, hash {saved.Item2} when saved; version {b.Plugin.Version}, hash {b.Plugin.ContentHash} now");
        }
        foreach (var gone in savedBases.Keys.Where(k => set.Set.Bases.All(b => b.SetId != k)))
            differences.Add($"base set {gone} was inherited when saved but is not now");

        var data = StoredDataReader.ReadOne(record.DataBytes, record.DataFile, set.Set);
        var result = await host.Evaluator.EvaluateAsync(set, data, cancel);
        var writer = new StringWriter();
        EvaluationJsonWriter.Write(result, writer);
        var now = writer.ToString();
        if (now != record.EvaluationJson) differences.AddRange(ResultDifferences(JObject.Parse(record.EvaluationJson), JObject.Parse(now)));
        if (now != record.EvaluationJson && differences.Count == 0) differences.Add("the result document differs in other fields (set metadata, citations or messages)");
        return new RecordVerification(record, null, differences);
    }

    private static string SignatureText(JObject s) => Describe((string?)s["status"], (string?)s["keyName"], (string?)s["keyId"]);

    private static string SignatureText(PluginSignature s) => Describe(s.Code, s.KeyName, s.KeyId);

    private static string Describe(string? status, string? keyName, string? keyId) =>
        status + (keyId is null ? "" : $" (key {keyId}{(keyName is null ? "" : $", {keyName}")})");

    private static IEnumerable<string> ResultDifferences(JObject before, JObject after)
    {
        string Summary(JObject d) => (string)d["summary"]!["text"]!;
        if (Summary(before) != Summary(after)) yield return $"summary changed: {Summary(before)} → {Summary(after)}";
        var old = StoredResult.Indicators(before);
        var cur = StoredResult.Indicators(after);
        foreach (var (code, o) in old)
        {
            if (!cur.TryGetValue(code, out var n)) { yield return $"indicator {code} is no longer in the set"; continue; }
            if ((string)o["status"]! != (string)n["status"]!)
                yield return $"result of indicator {code} changed from {StoredResult.StatusLabel(o)} to {StoredResult.StatusLabel(n)}";
            var ov = o["actual"]?.Type == JTokenType.Object ? o["actual"]!["value"]!.ToString() : "—";
            var nv = n["actual"]?.Type == JTokenType.Object ? n["actual"]!["value"]!.ToString() : "—";
            if (ov != nv) yield return $"value of indicator {code} changed from {ov} to {nv}";
            var ot = o["threshold"]!["operator"] + " " + o["threshold"]!["value"];
            var nt = n["threshold"]!["operator"] + " " + n["threshold"]!["value"];
            if (ot != nt) yield return $"threshold of indicator {code} changed from {ot} to {nt}";
        }
        foreach (var code in cur.Keys.Where(k => !old.ContainsKey(k))) yield return $"indicator {code} is new in the set";
    }
}
