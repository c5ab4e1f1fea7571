using NtmRules.Kernel.Localization;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using NtmRules.Records.Localization;

namespace NtmRules.Records;

/// <summary>
/// The embedded SQLite file (the default store). Appends are serialized by <c>BEGIN IMMEDIATE</c>;
/// the chain head is anchored in a file beside the database (<c>records.db.head</c>), outside
/// what an <c>UPDATE</c> through SQLite can reach.
/// </summary>
internal sealed class SqliteDialect(string path) : StoreDialect
{
    /// <summary>The head file: the newest entry's number and hash.</summary>
    public string HeadFilePath => path + ".head";

    public override string Display => path;

    public override string AnchorName => MessageText.Format(RecordMessages.SqliteAnchorName, Path.GetFileName(HeadFilePath));

    public override DbConnection Open(bool create)
    {
        if (!File.Exists(path))
        {
            if (!create) throw new StoreException(path, RecordMessages.NoStoreHere);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        try
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA busy_timeout = 3000;";
            cmd.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override int CurrentVersion(DbConnection connection, DbTransaction? tx)
    {
        // Stores written before schema version 2 have only PRAGMA user_version (1).
        var hasTable = Scalar(connection, tx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';");
        var sql = Convert.ToInt64(hasTable, CultureInfo.InvariantCulture) > 0 ? "SELECT max(version) FROM schema_version;" : "PRAGMA user_version;";
        return Convert.ToInt32(Scalar(connection, tx, sql), CultureInfo.InvariantCulture);
    }

    public override string Migration(int version) => version switch
    {
        1 => """
            CREATE TABLE records (
              id INTEGER PRIMARY KEY,
              created_at TEXT NOT NULL,
              commune_key TEXT NOT NULL,
              commune_name TEXT NOT NULL,
              commune_code TEXT,
              province TEXT,
              year INTEGER NOT NULL,
              set_id TEXT NOT NULL,
              plugin_id TEXT NOT NULL,
              plugin_version TEXT NOT NULL,
              plugin_sha256 TEXT NOT NULL,
              kernel_version TEXT NOT NULL,
              rules_engine_version TEXT NOT NULL,
              data_file TEXT NOT NULL,
              data_sha256 TEXT NOT NULL,
              data_bytes BLOB NOT NULL,
              evaluation_json TEXT NOT NULL,
              trace_json TEXT NOT NULL,
              summary TEXT NOT NULL,
              previous_hash TEXT NOT NULL,
              hash TEXT NOT NULL
            );
            CREATE INDEX records_commune ON records(commune_key, year);
            CREATE TRIGGER records_no_update BEFORE UPDATE ON records BEGIN SELECT RAISE(ABORT, 'evaluation records are append-only'); END;
            CREATE TRIGGER records_no_delete BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'evaluation records are append-only'); END;
            """,
        2 => """
            CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL);
            INSERT INTO schema_version (version, description) VALUES (1, 'evaluation records');
            CREATE TABLE reviews (
              id INTEGER PRIMARY KEY,
              created_at TEXT NOT NULL,
              commune_key TEXT NOT NULL,
              year INTEGER NOT NULL,
              evaluation_record_id INTEGER NOT NULL,
              action TEXT NOT NULL,
              account TEXT NOT NULL,
              comment TEXT,
              indicator_comments TEXT NOT NULL,
              previous_hash TEXT NOT NULL,
              hash TEXT NOT NULL
            );
            CREATE INDEX reviews_commune ON reviews(commune_key, year);
            CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'review steps are append-only'); END;
            CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews BEGIN SELECT RAISE(ABORT, 'review steps are append-only'); END;
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    public override void AfterMigration(DbConnection connection, DbTransaction tx)
    {
        // An ntm older than schema version 2 reads user_version and refuses a store it cannot verify whole.
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"PRAGMA user_version = {LatestVersion.ToString(CultureInfo.InvariantCulture)};";
        cmd.ExecuteNonQuery();
    }

    public override DbTransaction BeginSerialized(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override IReadOnlyList<string> RequiredTriggers { get; } = ["records_no_update", "records_no_delete", "reviews_no_update", "reviews_no_delete"];

    public override IReadOnlySet<string> ActiveTriggers(DbConnection connection, DbTransaction? tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger';";
        using var reader = cmd.ExecuteReader();
        var present = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) present.Add(reader.GetString(0));
        return present;
    }

    public override string? IntegrityCheck(DbConnection connection, DbTransaction? tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "PRAGMA quick_check(5);";
        using var reader = cmd.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return lines is ["ok"] ? null : MessageText.Format(RecordMessages.SqliteQuickCheck, string.Join("; ", lines));
    }

    public override ChainHead? ReadAnchor(DbConnection connection, DbTransaction? tx)
    {
        if (!File.Exists(HeadFilePath)) return null;
        try
        {
            return ChainHead.Parse(File.ReadAllText(HeadFilePath)) ?? new ChainHead(-1, "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ChainHead(-1, "");
        }
    }

    public override void AnchorInTransaction(DbConnection connection, DbTransaction tx, ChainHead head) { }

    public override void AnchorAfterCommit(ChainHead head)
    {
        try
        {
            var temp = HeadFilePath + ".tmp";
            File.WriteAllText(temp, head.ToFileLine());
            File.Move(temp, HeadFilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(path, MessageText.Format(RecordMessages.HeadFileNotWritten, head.Id, HeadFilePath, e.Message));
        }
    }

    public override StoreException? Translate(Exception e) => e is not SqliteException s ? null : s.SqliteErrorCode switch
    {
        5 or 6 => new StoreException(path, RecordMessages.StoreLocked),
        11 or 26 => new StoreException(path, MessageText.Format(RecordMessages.StoreCorruptOrForeign, s.Message)),
        14 => new StoreException(path, MessageText.Format(RecordMessages.StoreCannotOpen, s.Message)),
        8 => new StoreException(path, MessageText.Format(RecordMessages.StoreReadOnly, s.Message)),
        _ => new StoreException(path, MessageText.Format(RecordMessages.StoreError, s.Message)),
    };

    private static object? Scalar(DbConnection connection, DbTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
