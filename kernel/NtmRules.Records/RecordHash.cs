using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;

namespace NtmRules.Records;

/// <summary>The chain hash of a record: SHA-256 over the previous hash and every field, in a fixed order.</summary>
internal static class RecordHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Of(EvaluationRecord r)
    {
        // A JSON array keeps field boundaries unambiguous (no "ab"+"c" = "a"+"bc").
        var canonical = JsonConvert.SerializeObject(new object?[]
        {
            r.PreviousHash, r.Id, r.CreatedAt, r.CommuneKey, r.CommuneName, r.CommuneCode, r.Province, r.Year,
            r.SetId, r.PluginId, r.PluginVersion, r.PluginSha256, r.KernelVersion, r.RulesEngineVersion,
            r.DataFile, Convert.ToHexStringLower(SHA256.HashData(r.DataBytes)), r.EvaluationJson, r.TraceJson, r.Summary,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
