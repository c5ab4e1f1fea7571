using NtmRules.Kernel.Data;

namespace NtmRules.Portal;

/// <summary>How the portal names a commune: the record store's key, so an account, a record and an evaluation agree.</summary>
public static class CommuneKeys
{
    /// <summary>The commune's code, or "Tên xã|Tỉnh" without one — the key <see cref="NtmRules.Records.RecordDrafts.Of"/> gives its records.</summary>
    public static string Of(CommuneIdentity commune) => commune.Code ?? $"{commune.Name}|{commune.Province}";
}
