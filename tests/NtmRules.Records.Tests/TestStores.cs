using Microsoft.Data.Sqlite;
using NtmRules.Records;

namespace NtmRules.Kernel.Tests.Records;

/// <summary>The databases a record store runs on; every store test is a theory over them.</summary>
public enum StoreBackend
{
    /// <summary>An SQLite file in a fresh temporary folder.</summary>
    Sqlite,
    /// <summary>A schema of its own in this run's PostgreSQL database (<see cref="PostgresTestServer"/>).</summary>
    Postgres,
}

/// <summary>Fresh, empty stores for each backend, and what someone with the database's own shell can do to them.</summary>
internal static class TestStores
{
    /// <summary>Every backend, for <c>[MemberData]</c>.</summary>
    public static TheoryData<StoreBackend> Backends => new(Enum.GetValues<StoreBackend>());

    /// <summary>The location of a new, empty store.</summary>
    public static string New(StoreBackend backend) => backend switch
    {
        StoreBackend.Postgres => PostgresTestServer.NewStore(),
        _ => Path.Combine(Path.GetTempPath(), "ntm-store-" + Guid.NewGuid().ToString("N"), "records.db"),
    };

    /// <summary>Runs <paramref name="sql"/> outside ntm, as the database's own shell would.</summary>
    public static void Sql(StoreBackend backend, string location, string sql)
    {
        if (backend == StoreBackend.Postgres)
        {
            PostgresTestServer.Execute(location, sql);
            return;
        }
        using var c = new SqliteConnection($"Data Source={location};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>The statement that removes an append-only trigger's protection.</summary>
    public static string DropTrigger(StoreBackend backend, string table, string trigger) =>
        backend == StoreBackend.Postgres ? $"DROP TRIGGER {trigger} ON {table};" : $"DROP TRIGGER {trigger};";

    /// <summary>The statement that puts an append-only trigger back (as someone covering their tracks would).</summary>
    public static string RestoreTrigger(StoreBackend backend, string table, string trigger) => backend == StoreBackend.Postgres
        ? $"CREATE TRIGGER {trigger} BEFORE {(trigger.EndsWith("update") ? "UPDATE" : "DELETE")} ON {table} FOR EACH ROW EXECUTE FUNCTION ntm_append_only('x');"
        : $"CREATE TRIGGER {trigger} BEFORE {(trigger.EndsWith("update") ? "UPDATE" : "DELETE")} ON {table} BEGIN SELECT RAISE(ABORT, 'append-only'); END;";

    /// <summary>A small evaluation record of <paramref name="communeKey"/> and <paramref name="year"/>.</summary>
    public static RecordDraft Draft(string communeKey = "26881", int year = 2025) => new(
        communeKey, "Xã Thử", communeKey, "Thanh Hóa", year, "vn.test", "vn.test", "1.0.0", new string('a', 64), "1.0.0", "6.0.1",
        "xa.json", "{}"u8.ToArray(), "{\"plugin\":{}}", "{}", "1/1");

    /// <summary>A fixed moment, so that hashes do not depend on the clock.</summary>
    public static readonly DateTimeOffset At = new(2026, 12, 1, 8, 30, 0, TimeSpan.Zero);
}
