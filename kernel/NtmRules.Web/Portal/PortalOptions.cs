using System.Security.Cryptography.X509Certificates;

namespace NtmRules.Web.Portal;

/// <summary>
/// How the province portal runs (<c>ntm serve --portal</c>): where the accounts are, the HTTPS
/// certificate, the sign-in rate limit and the access log. Without these options <c>ntm serve</c> is
/// the single-user application of one officer's computer: loopback, no accounts.
/// </summary>
public sealed record PortalOptions
{
    /// <summary>The accounts database: a SQLite file path, or a PostgreSQL connection string (<c>Host=…</c>).</summary>
    public required string AccountsConnection { get; init; }

    /// <summary>The server certificate for https:// addresses; required when listening beyond loopback.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Sign-in attempts accepted per client address per minute (more get 429).</summary>
    public int SignInsPerMinute { get; init; } = 10;

    /// <summary>The access log (sign-ins and refused requests, never a password or a cookie); default <c>access.log</c> in the data folder.</summary>
    public string? AccessLogPath { get; init; }

    /// <summary>Optional OpenID Connect sign-in through the province's identity provider.</summary>
    public OpenIdOptions? OpenId { get; init; }
}

/// <summary>
/// An OpenID Connect identity provider: it proves who the person is; the account (role, commune,
/// province) must still exist here under the name the provider gives in <see cref="NameClaim"/>.
/// </summary>
/// <param name="Authority">The issuer's address (its <c>/.well-known/openid-configuration</c> is read).</param>
/// <param name="ClientId">This portal's client id at the provider.</param>
/// <param name="ClientSecret">Its secret (from the environment, never the command line).</param>
/// <param name="NameClaim">The claim holding the account name (default <c>preferred_username</c>).</param>
public sealed record OpenIdOptions(string Authority, string ClientId, string? ClientSecret, string NameClaim = "preferred_username");
