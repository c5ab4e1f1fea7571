using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace NtmRules.Portal.Accounts;

/// <summary>An account as ASP.NET Core Identity stores it (hashed password, lockout), with the portal's role and binding.</summary>
public sealed class PortalUser : IdentityUser
{
    /// <summary>The role's key (<see cref="PortalRoles.Key"/>).</summary>
    public string Role { get; set; } = "";

    /// <summary>The commune key a commune account acts for.</summary>
    public string? Commune { get; set; }

    /// <summary>The province of a province account.</summary>
    public string? Province { get; set; }

    /// <summary>Whether an administrator disabled it (it cannot sign in; its review records stay).</summary>
    public bool Disabled { get; set; }

    /// <summary>The account as the portal's rules see it; null when the stored role is not one of the four.</summary>
    public PortalAccount? ToAccount() =>
        PortalRoles.TryParse(Role, out var role) ? new PortalAccount(UserName ?? "", role, Commune, Province) : null;
}

/// <summary>The accounts database: Identity's tables and nothing else.</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<PortalUser>(u =>
        {
            u.Property(x => x.Role).HasMaxLength(16).IsRequired();
            u.Property(x => x.Commune).HasMaxLength(256);
            u.Property(x => x.Province).HasMaxLength(256);
        });
    }
}
