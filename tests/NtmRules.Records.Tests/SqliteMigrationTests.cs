using Microsoft.Data.Sqlite;
using NtmRules.Records;

namespace NtmRules.Kernel.Tests.Records;

/// <summary>
/// Hashes that must never change: a store moved between databases, or written by an older ntm, still
/// verifies. Both were also computed outside ntm from the formula docs/record-store.md gives (SHA-256 of
/// the compact JSON array of the fields), so they pin the format, not just this implementation.
/// </summary>
internal static class SqliteGolden
{
    /// <summary>The chain hash of <see cref="TestStores.Draft"/> saved as record 1 at <see cref="TestStores.At"/>.</summary>
    public const string RecordHash = "12211429eb6b43e06fddf78afac8bbca7920fc728adf2128af00d8675647311b";

    /// <summary>The chain hash of the step "returned by tinh, 'Xem lại', 2.1: 'Thiếu'" saved after it.</summary>
    public const string ReturnedStepHash = "45bcc7c804b2eb88a92ea9f8b08930e8e751db75feddbe0d0f4fbebc44f4d085";
}

/// <summary>A store written by ntm before review steps (schema version 1, PRAGMA user_version only) opens, migrates and verifies unchanged.</summary>
public class SqliteMigrationTests
{
    /// <summary>The schema an ntm without review steps created, verbatim.</summary>
    private const string Version1 = """
        CREATE TABLE records (
          id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, commune_key TEXT NOT NULL, commune_name TEXT NOT NULL, commune_code TEXT,
          province TEXT, year INTEGER NOT NULL, set_id TEXT NOT NULL, plugin_id TEXT NOT NULL, plugin_version TEXT NOT NULL,
          plugin_sha256 TEXT NOT NULL, kernel_version TEXT NOT NULL, rules_engine_version TEXT NOT NULL, data_file TEXT NOT NULL,
          data_sha256 TEXT NOT NULL, data_bytes BLOB NOT NULL, evaluation_json TEXT NOT NULL, trace_json TEXT NOT NULL,
          summary TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX records_commune ON records(commune_key, year);
        CREATE TRIGGER records_no_update BEFORE UPDATE ON records BEGIN SELECT RAISE(ABORT, 'evaluation records are append-only'); END;
        CREATE TRIGGER records_no_delete BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'evaluation records are append-only'); END;
        PRAGMA user_version = 1;
        INSERT INTO records VALUES (1, '2026-12-01T08:30:00Z', '26881', 'Xã Thử', '26881', 'Thanh Hóa', 2025, 'vn.test', 'vn.test', '1.0.0',
          'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '1.0.0', '6.0.1', 'xa.json',
          '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', X'7B7D', '{"plugin":{}}', '{}', '1/1',
          '0000000000000000000000000000000000000000000000000000000000000000', 'GOLDEN_RECORD');
        """;

    [Fact]
    public void A_version_1_store_opens_with_its_hashes_unchanged_and_takes_review_steps()
    {
        var path = TestStores.New(StoreBackend.Sqlite);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        TestStores.Sql(StoreBackend.Sqlite, path, Version1.Replace("GOLDEN_RECORD", SqliteGolden.RecordHash));

        using var store = RecordStore.Open(path, create: false);
        var audit = store.Audit(SqliteGolden.RecordHash);
        audit.Intact.Should().BeTrue(string.Join("; ", audit.Breaks.Select(b => b.Reason).Concat(audit.Tampering)));
        store.Get(1).Hash.Should().Be(SqliteGolden.RecordHash);
        var step = store.AppendReview(new ReviewStepDraft("26881", 2025, 1, ReviewAction.Returned, "tinh", "Xem lại", [new IndicatorComment("2.1", "Thiếu")]), TestStores.At);
        step.Hash.Should().Be(SqliteGolden.ReturnedStepHash);
        store.Audit().Intact.Should().BeTrue();

        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT group_concat(version || ':' || description, ', ') FROM schema_version; ";
        cmd.ExecuteScalar().Should().Be("1:evaluation records, 2:review steps");
        cmd.CommandText = "PRAGMA user_version;";
        cmd.ExecuteScalar().Should().Be(2L, "an older ntm, which cannot verify review steps, refuses the store rather than call it broken");
    }

    [Fact]
    public void A_store_of_a_newer_schema_is_refused_with_a_clear_message()
    {
        var path = TestStores.New(StoreBackend.Sqlite);
        RecordStore.Open(path, create: true).Dispose();
        TestStores.Sql(StoreBackend.Sqlite, path, "INSERT INTO schema_version VALUES (3, 'from the future');");
        var open = () => RecordStore.Open(path, create: false);
        open.Should().Throw<StoreException>().Which.Problems.Single().Message.Should().Be("store schema version 3 is not one this version of ntm reads (2); use a newer ntm");
    }
}
