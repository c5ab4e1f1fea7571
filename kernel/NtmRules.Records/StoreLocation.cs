namespace NtmRules.Records;

/// <summary>
/// Where a record store is: an SQLite file path (the default), or a PostgreSQL database named by a
/// <c>postgres://</c> / <c>postgresql://</c> URL or an Npgsql connection string (<c>Host=…;Database=…</c>).
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

    /// <summary>The dialect that opens <paramref name="location"/>.</summary>
    internal static StoreDialect Dialect(string location) => new SqliteDialect(Path.GetFullPath(location));
}
