using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;

namespace NtmRules.Web.Portal;

/// <summary>The claims a signed-in account carries in its cookie: its role, commune and province, so a request needs no database read to be authorised.</summary>
internal sealed class PortalClaimsFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    public const string RoleClaim = "ntm:role";
    public const string CommuneClaim = "ntm:commune";
    public const string ProvinceClaim = "ntm:province";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(RoleClaim, user.Role));
        if (user.Commune is { } c) identity.AddClaim(new Claim(CommuneClaim, c));
        if (user.Province is { } p) identity.AddClaim(new Claim(ProvinceClaim, p));
        return identity;
    }

    /// <summary>The account of a request's principal; null when not signed in.</summary>
    public static PortalAccount? AccountOf(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } || !PortalRoles.TryParse(user.FindFirstValue(RoleClaim), out var role)) return null;
        return new PortalAccount(user.Identity.Name ?? "", role, user.FindFirstValue(CommuneClaim), user.FindFirstValue(ProvinceClaim));
    }
}

/// <summary>Identity's sign-in, refusing accounts an administrator disabled (their sessions end at the next security-stamp check).</summary>
internal sealed class PortalSignInManager(
    UserManager<PortalUser> users, Microsoft.AspNetCore.Http.IHttpContextAccessor context, IUserClaimsPrincipalFactory<PortalUser> claims,
    IOptions<IdentityOptions> options, Microsoft.Extensions.Logging.ILogger<SignInManager<PortalUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes, IUserConfirmation<PortalUser> confirmation)
    : SignInManager<PortalUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user) => !user.Disabled && await base.CanSignInAsync(user);
}
