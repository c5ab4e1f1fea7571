using NtmRules.Portal.Localization;
namespace NtmRules.Portal;

/// <summary>What an account of the province portal is for; each account has exactly one.</summary>
public enum PortalRole
{
    /// <summary><c>xa</c>: a commune's officer — its own commune only: forms, evaluations, drafts, submissions, its records.</summary>
    Xa,

    /// <summary><c>tinh</c>: the province's coordination office — every commune of its province: review, batch, reports, thresholds, plugin install when enabled.</summary>
    Tinh,

    /// <summary><c>kiem-toan</c>: an auditor — reads everything, changes nothing: records, traces, verification, comparison.</summary>
    KiemToan,

    /// <summary><c>quan-tri</c>: the administrator — accounts and settings, no commune data.</summary>
    QuanTri,
}

/// <summary>The stable keys (<c>xa</c>, <c>tinh</c>, <c>kiem-toan</c>, <c>quan-tri</c>) and Vietnamese names of the roles.</summary>
public static class PortalRoles
{
    /// <summary>Every role, in the order pages list them.</summary>
    public static IReadOnlyList<PortalRole> All { get; } = [PortalRole.Xa, PortalRole.Tinh, PortalRole.KiemToan, PortalRole.QuanTri];

    /// <summary>The key used on the command line, in the accounts database and in the role claim.</summary>
    public static string Key(this PortalRole role) => role switch
    {
        PortalRole.Xa => "xa",
        PortalRole.Tinh => "tinh",
        PortalRole.KiemToan => "kiem-toan",
        PortalRole.QuanTri => "quan-tri",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>What a person reads, in the session's language (Vietnamese on the portal's pages, English on request in the API and CLI).</summary>
    public static string Label(this PortalRole role) => role switch
    {
        PortalRole.Xa => PortalMessages.RoleXa,
        PortalRole.Tinh => PortalMessages.RoleTinh,
        PortalRole.KiemToan => PortalMessages.RoleKiemToan,
        PortalRole.QuanTri => PortalMessages.RoleQuanTri,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The role of a key; false for anything else (keys are case-sensitive, as typed in the documentation).</summary>
    public static bool TryParse(string? key, out PortalRole role)
    {
        foreach (var r in All)
        {
            if (r.Key() == key)
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }
}
