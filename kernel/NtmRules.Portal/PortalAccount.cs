using NtmRules.Kernel.Localization;
using NtmRules.Portal.Localization;

namespace NtmRules.Portal;

/// <summary>
/// Who is signed in, as the portal's rules need it: the account's name, its role and the commune or
/// province it is bound to. A commune is named by its record key (<see cref="NtmRules.Records.EvaluationRecord.CommuneKey"/>):
/// the commune's code, or "Tên xã|Tỉnh" for data without a code.
/// </summary>
/// <param name="UserName">The account's name (what it signs in with, and what review records name).</param>
/// <param name="Role">Its role.</param>
/// <param name="Commune">For <see cref="PortalRole.Xa"/>: the commune key it acts for (required); null otherwise.</param>
/// <param name="Province">For <see cref="PortalRole.Tinh"/>: its province (required); optional for a commune account.</param>
public sealed record PortalAccount(string UserName, PortalRole Role, string? Commune, string? Province)
{
    /// <summary>
    /// Whether the account may read a commune's records, evaluations and dossier: a commune account
    /// only its own commune; a province account the communes of its province (a record without a
    /// province counts as the portal's own province, since one portal serves one province); the
    /// auditor every commune; the administrator none.
    /// </summary>
    public bool MayRead(string communeKey, string? province) => Role switch
    {
        PortalRole.Xa => string.Equals(Commune, communeKey, StringComparison.Ordinal),
        PortalRole.Tinh => province is null || SameProvince(Province, province),
        PortalRole.KiemToan => true,
        _ => false,
    };

    /// <summary>Province names compared as people type them: case and surrounding spaces ignored.</summary>
    public static bool SameProvince(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>"nguyen.van.a (cán bộ xã, xã 12345)": how pages and logs name the account, in the session's language.</summary>
    public override string ToString() => Role switch
    {
        PortalRole.Xa => MessageText.Format(PortalMessages.AccountOfCommune, UserName, Role.Label(), Commune),
        PortalRole.Tinh => $"{UserName} ({Role.Label()}, {Province})",
        _ => $"{UserName} ({Role.Label()})",
    };
}
