using NtmRules.Kernel.Localization;
using Npgsql;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records.Localization;

namespace NtmRules.Records;

/// <summary>
/// Where a record store is: an SQLite file path (the default), or a PostgreSQL database named by a
/// <c>postgres://user:password@host:port/database?sslmode=require</c> URL or an Npgsql connection
/// string (<c>Host=…;Database=…;Username=…</c>).
/// </summary>
public static class StoreLocation
{
    /// <summary>Whether <paramref name="location"/> names a PostgreSQL database rather than a file.</summary>
    public static bool IsPostgres(string location)
    {
        var s = location.Trim();
        return s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || s.Split(';').Select(part => part.Split('=')).Any(kv => kv.Length == 2 && kv[0].Trim().ToLowerInvariant() is "host" or "server");
    }

    /// <summary>A file path made absolute; a PostgreSQL connection unchanged.</summary>
    public static string Resolve(string location) => IsPostgres(location) ? location.Trim() : Path.GetFullPath(location);

    /// <summary>
    /// Whether there is a store at <paramref name="location"/> to read: the SQLite file exists; a
    /// PostgreSQL database is taken to (an empty one reads as a store without records).
    /// </summary>
    public static bool Exists(string location) => IsPostgres(location) || File.Exists(Path.GetFullPath(location));

    /// <summary>How messages name the store: the file path, or the PostgreSQL connection without its password.</summary>
    /// <exception cref="InputException">A PostgreSQL connection that cannot be read.</exception>
    public static string Display(string location) => IsPostgres(location) ? Describe(Postgres(location)) : Path.GetFullPath(location);

    /// <summary>The dialect that opens <paramref name="location"/>.</summary>
    internal static StoreDialect Dialect(string location)
    {
        if (!IsPostgres(location)) return new SqliteDialect(Path.GetFullPath(location));
        var builder = Postgres(location);
        return new PostgresDialect(builder.ConnectionString, Describe(builder));
    }

    private static string Describe(NpgsqlConnectionStringBuilder b) =>
        $"postgres://{(string.IsNullOrEmpty(b.Username) ? "" : Uri.EscapeDataString(b.Username) + "@")}{b.Host}:{b.Port}/{b.Database}";

    /// <summary>The connection string of a URL or of an Npgsql connection string, checked.</summary>
    private static NpgsqlConnectionStringBuilder Postgres(string location)
    {
        var s = location.Trim();
        try
        {
            return s.Contains("://", StringComparison.Ordinal) ? FromUrl(s) : new NpgsqlConnectionStringBuilder(s);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
        {
            throw new InputException(new Problem(Severity.Error,
                MessageText.Format(RecordMessages.PostgresConnectionUnreadable, e.Message),
                Field: "--store"));
        }
    }

    /// <summary><c>postgres://user:password@host:port/database?key=value</c>: the query's keys are Npgsql's (sslmode, search path, …).</summary>
    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0) builder.Port = uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        if (uri.UserInfo.Length > 0)
        {
            var user = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(user[0]);
            if (user.Length == 2) builder.Password = Uri.UnescapeDataString(user[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return builder;
    }
}
