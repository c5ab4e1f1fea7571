using Npgsql;

namespace NtmRules.Kernel.Tests.Records;

/// <summary>
/// The PostgreSQL server the store tests run against, named by the environment variable
/// <c>NTM_TEST_POSTGRES</c> (an Npgsql connection string of a role that may create databases and
/// roles; <c>.ci/run</c> sets it). Each test run gets a database of its own (<c>ntm_test_…</c>,
/// dropped when the run ends) and each store a schema of its own in it, so runs and tests do not
/// collide. Without the variable the PostgreSQL tests fail and say how to start a server: they do
/// not pass silently.
/// </summary>
internal static class PostgresTestServer
{
    public const string Variable = "NTM_TEST_POSTGRES";

    private static readonly Lazy<NpgsqlConnectionStringBuilder> RunDatabase = new(CreateRunDatabase);

    /// <summary>The connection string of a new, empty schema in this run's database (pooling off: each test opens its own).</summary>
    public static string NewStore()
    {
        var schema = "s_" + Guid.NewGuid().ToString("N");
        var builder = new NpgsqlConnectionStringBuilder(RunDatabase.Value.ConnectionString);
        Execute(builder.ConnectionString, $"CREATE SCHEMA {schema};");
        builder.SearchPath = schema;
        return builder.ConnectionString;
    }

    /// <summary>This run's database, as the administrator role of <c>NTM_TEST_POSTGRES</c>.</summary>
    public static string AdminConnection => RunDatabase.Value.ConnectionString;

    /// <summary>Runs <paramref name="sql"/> on <paramref name="connectionString"/>.</summary>
    public static void Execute(string connectionString, string sql)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static NpgsqlConnectionStringBuilder CreateRunDatabase()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
            throw new InvalidOperationException($"""
                {Variable} is not set, so the record store tests cannot run against PostgreSQL. Start a server and name it, e.g. (as root, Debian):
                  pg_ctlcluster 15 main start
                  runuser -u postgres -- psql -c "CREATE ROLE ntm_test LOGIN CREATEDB CREATEROLE PASSWORD 'ntm_test'"
                  export {Variable}='Host=localhost;Username=ntm_test;Password=ntm_test;Database=postgres'
                .ci/run does this itself.
                """);
        var builder = new NpgsqlConnectionStringBuilder(admin) { Pooling = false };
        SweepOldRuns(builder.ConnectionString);
        var database = $"ntm_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..8]}";
        Execute(builder.ConnectionString, $"CREATE DATABASE {database};");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(builder.ConnectionString, database);
        return new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = database };
    }

    /// <summary>
    /// Drops the databases of runs that started more than a day ago: the test host is sometimes
    /// stopped without running <see cref="AppDomain.ProcessExit"/>. A day keeps runs that are still going.
    /// </summary>
    private static void SweepOldRuns(string admin)
    {
        using var c = new NpgsqlConnection(admin);
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname ~ '^ntm_test_[0-9]{14}_[0-9a-f]{8}$';", c);
        var old = new List<string>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var name = reader.GetString(0);
                var started = DateTime.ParseExact(name.Substring(9, 14), "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
                if (started < DateTime.UtcNow.AddDays(-1)) old.Add(name);
            }
        }
        foreach (var name in old) Drop(admin, name);
    }

    private static void Drop(string admin, string database)
    {
        try
        {
            Execute(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE);");
        }
        catch (NpgsqlException)
        {
            // The server went away first; the database is left for the next cleanup.
        }
    }
}
