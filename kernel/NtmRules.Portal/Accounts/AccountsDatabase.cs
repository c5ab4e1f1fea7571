using NtmRules.Portal.Localization;
using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace NtmRules.Portal.Accounts;

/// <summary>
/// Where the accounts live: a SQLite file (the default, a path) or a PostgreSQL database (an Npgsql
/// connection string, <c>Host=…;Database=…;Username=…</c>), and the Identity rules they follow.
/// </summary>
public static class AccountsDatabase
{
    /// <summary>The password rules: at least 10 characters, with a digit, a lower- and an upper-case letter.</summary>
    public const int MinimumPasswordLength = 10;

    /// <summary>Failed sign-ins in a row before an account is locked.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static TimeSpan LockoutDuration { get; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The accounts database when none is named: <c>NTM_ACCOUNTS</c>, else <c>accounts.db</c> beside
    /// the default record store (in the user's data folder when that store is a PostgreSQL database).
    /// </summary>
    public static string DefaultLocation()
    {
        var env = Environment.GetEnvironmentVariable("NTM_ACCOUNTS");
        if (!string.IsNullOrWhiteSpace(env)) return env;
        var store = NtmRules.Records.RecordStore.DefaultPath();
        var folder = NtmRules.Records.StoreLocation.IsPostgres(store)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "ntmrules")
            : Path.GetDirectoryName(store)!;
        return Path.Combine(folder, "accounts.db");
    }

    /// <summary>A named accounts database, or the default; a file path made absolute.</summary>
    /// <exception cref="NtmRules.Kernel.Diagnostics.InputException">A <c>postgres://</c> URL: the accounts take Npgsql's <c>Host=…</c> form.</exception>
    public static string Resolve(string? value)
    {
        var location = string.IsNullOrWhiteSpace(value) ? DefaultLocation() : value.Trim();
        if (location.Contains("://", StringComparison.Ordinal))
            throw new NtmRules.Kernel.Diagnostics.InputException(new NtmRules.Kernel.Diagnostics.Problem(NtmRules.Kernel.Diagnostics.Severity.Error,
                PortalMessages.AccountsDatabaseNotUrl, Field: "--accounts"));
        return IsPostgreSql(location) ? location : Path.GetFullPath(location);
    }

    /// <summary>Whether <paramref name="connection"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool IsPostgreSql(string connection) => NtmRules.Records.StoreLocation.IsPostgres(connection);

    /// <summary>Registers the accounts database and Identity's user manager with the portal's password and lockout rules.</summary>
    public static IdentityBuilder AddPortalAccounts(this IServiceCollection services, string connection)
    {
        services.AddDbContext<PortalDbContext>(o =>
        {
            if (IsPostgreSql(connection)) o.UseNpgsql(connection);
            else o.UseSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(connection) }.ToString());
        });
        services.AddScoped<AccountDirectory>();
        return services.AddIdentityCore<PortalUser>(o =>
            {
                o.Password.RequiredLength = MinimumPasswordLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddEntityFrameworkStores<PortalDbContext>();
    }

    /// <summary>
    /// Creates the database and Identity's tables when they are missing. The tables are created
    /// even in a database that already holds other tables (the record store's, on PostgreSQL),
    /// which EF's <c>EnsureCreated</c> would skip.
    /// </summary>
    public static async Task EnsureCreatedAsync(IServiceProvider services, CancellationToken cancel = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!IsPostgreSql(db.Database.GetConnectionString() ?? "") && db.Database.GetDbConnection().DataSource is { Length: > 0 } file)
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancel)) await creator.CreateAsync(cancel);
        try
        {
            await db.Users.AnyAsync(cancel);
        }
        catch (DbException)
        {
            await creator.CreateTablesAsync(cancel);
        }
    }

    /// <summary>Opens the accounts database for the CLI (<c>ntm users</c>): a provider of its own, the tables created when missing.</summary>
    public static async Task<ServiceProvider> OpenAsync(string connection, CancellationToken cancel = default)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalAccounts(connection);
        var provider = services.BuildServiceProvider();
        await EnsureCreatedAsync(provider, cancel);
        return provider;
    }
}
