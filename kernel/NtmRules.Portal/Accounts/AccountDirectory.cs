using NtmRules.Kernel.Localization;
using NtmRules.Portal.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace NtmRules.Portal.Accounts;

/// <summary>An account to create: name, role and what it is bound to.</summary>
/// <param name="UserName">What it signs in with.</param>
/// <param name="Role">Its role.</param>
/// <param name="Commune">The commune key (required for <see cref="PortalRole.Xa"/>, refused for the others).</param>
/// <param name="Province">The province (required for <see cref="PortalRole.Tinh"/>).</param>
public sealed record NewAccount(string UserName, PortalRole Role, string? Commune, string? Province);

/// <summary>An account as the list shows it.</summary>
/// <param name="Account">Name, role, binding.</param>
/// <param name="Disabled">Disabled by an administrator.</param>
/// <param name="LockedUntil">Locked after too many failed sign-ins, until then.</param>
public sealed record AccountEntry(PortalAccount Account, bool Disabled, DateTimeOffset? LockedUntil);

/// <summary>An account that cannot be created or changed; the messages say why, in Vietnamese.</summary>
public sealed class AccountException(IReadOnlyList<string> messages) : Exception(string.Join(" ", messages))
{
    /// <summary>Each reason.</summary>
    public IReadOnlyList<string> Messages { get; } = messages;
}

/// <summary>
/// Creating, listing and disabling accounts: the one implementation behind <c>ntm users</c> and the
/// administrator's page. Passwords go only to Identity's hasher; nothing here returns or logs one.
/// </summary>
public sealed class AccountDirectory(UserManager<PortalUser> users)
{
    /// <summary>Creates an account.</summary>
    /// <exception cref="AccountException">The binding does not fit the role, the name is taken or invalid, or the password breaks the rules.</exception>
    public async Task<PortalAccount> AddAsync(NewAccount account, string password)
    {
        var problems = BindingProblems(account);
        if (problems.Count > 0) throw new AccountException(problems);
        var user = new PortalUser
        {
            UserName = account.UserName.Trim(),
            Role = account.Role.Key(),
            Commune = Blank(account.Commune),
            Province = Blank(account.Province),
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) throw new AccountException(created.Errors.Select(e => e.Description).ToArray());
        return user.ToAccount()!;
    }

    /// <summary>Every account, by name.</summary>
    public async Task<IReadOnlyList<AccountEntry>> ListAsync(CancellationToken cancel = default)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancel);
        return all.Where(u => u.ToAccount() is not null)
            .Select(u => new AccountEntry(u.ToAccount()!, u.Disabled, u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null))
            .ToArray();
    }

    /// <summary>Disables (or enables again) an account; a disabled account cannot sign in, its records stay.</summary>
    /// <exception cref="AccountException">No such account.</exception>
    public async Task SetDisabledAsync(string userName, bool disabled)
    {
        var user = await users.FindByNameAsync(userName) ?? throw new AccountException([MessageText.Format(PortalMessages.NoAccount, userName)]);
        user.Disabled = disabled;
        // A new security stamp ends the sessions the account already has (the cookie is checked against it).
        await users.UpdateSecurityStampAsync(user);
    }

    private static List<string> BindingProblems(NewAccount a)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(a.UserName)) problems.Add(PortalMessages.MissingUserName);
        if (a.Role == PortalRole.Xa && Blank(a.Commune) is null)
            problems.Add(PortalMessages.XaNeedsCommune);
        if (a.Role != PortalRole.Xa && Blank(a.Commune) is not null)
            problems.Add(MessageText.Format(PortalMessages.CommuneOnlyForXa, a.Role.Key()));
        if (a.Role == PortalRole.Tinh && Blank(a.Province) is null)
            problems.Add(PortalMessages.TinhNeedsProvince);
        return problems;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
