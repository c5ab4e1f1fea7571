using NtmRules.Kernel.Localization;
using System.Data.Common;
using System.Globalization;
using Npgsql;
using NtmRules.Records.Localization;

namespace NtmRules.Records;

/// <summary>
/// A PostgreSQL database shared by a province's web workers. The tables live in the connection's
/// current schema (<c>public</c> unless the connection sets <c>Search Path</c>). Appends are
/// serialized by a transaction-scoped advisory lock, so several workers chain one after another;
/// the chain head is anchored in the append-only table <c>chain_anchor</c>, written in the same
/// transaction as the entry. Triggers refuse UPDATE, DELETE and TRUNCATE on every table.
/// </summary>
internal sealed class PostgresDialect(string connectionString, string display) : StoreDialect
{
    public override string Display => display;

    public override string AnchorName => RecordMessages.PostgresAnchorName;

    public override DbConnection Open(bool create)
    {
        // The database itself is created by its administrator (docs/record-store.md); the tables by the migrations.
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
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
        if (Scalar(connection, tx, "SELECT to_regclass('schema_version') IS NOT NULL;") is not true) return 0;
        return Convert.ToInt32(Scalar(connection, tx, "SELECT coalesce(max(version), 0) FROM schema_version;"), CultureInfo.InvariantCulture);
    }

    public override string Migration(int version) => version switch
    {
        1 => """
            CREATE FUNCTION ntm_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% are append-only', TG_ARGV[0];
            END $$;
            CREATE TABLE records (
              id bigint PRIMARY KEY,
              created_at text NOT NULL,
              commune_key text NOT NULL,
              commune_name text NOT NULL,
              commune_code text,
              province text,
              year integer NOT NULL,
              set_id text NOT NULL,
              plugin_id text NOT NULL,
              plugin_version text NOT NULL,
              plugin_sha256 text NOT NULL,
              kernel_version text NOT NULL,
              rules_engine_version text NOT NULL,
              data_file text NOT NULL,
              data_sha256 text NOT NULL,
              data_bytes bytea NOT NULL,
              evaluation_json text NOT NULL,
              trace_json text NOT NULL,
              summary text NOT NULL,
              previous_hash text NOT NULL,
              hash text NOT NULL
            );
            CREATE INDEX records_commune ON records(commune_key, year);
            """ + AppendOnly("records", "evaluation records"),
        2 => """
            CREATE TABLE schema_version (version integer PRIMARY KEY, description text NOT NULL);
            INSERT INTO schema_version (version, description) VALUES (1, 'evaluation records');
            CREATE TABLE reviews (
              id bigint PRIMARY KEY,
              created_at text NOT NULL,
              commune_key text NOT NULL,
              year integer NOT NULL,
              evaluation_record_id bigint NOT NULL REFERENCES records(id),
              action text NOT NULL,
              account text NOT NULL,
              comment text,
              indicator_comments text NOT NULL,
              previous_hash text NOT NULL,
              hash text NOT NULL
            );
            CREATE INDEX reviews_commune ON reviews(commune_key, year);
            CREATE TABLE chain_anchor (id bigint PRIMARY KEY, hash text NOT NULL);
            """ + AppendOnly("reviews", "review steps") + AppendOnly("chain_anchor", "chain heads") + AppendOnly("schema_version", "schema versions"),
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    /// <summary>The triggers that make <paramref name="table"/> append-only: each raises "<paramref name="what"/> are append-only".</summary>
    private static string AppendOnly(string table, string what) => $"""

        CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION ntm_append_only('{what}');
        CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION ntm_append_only('{what}');
        CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION ntm_append_only('{what}');
        """;

    public override DbTransaction BeginSerialized(DbConnection connection)
    {
        var tx = ((NpgsqlConnection)connection).BeginTransaction();
        try
        {
            // One writer at a time per schema, across every worker process; released at commit or rollback.
            Scalar(connection, tx, "SELECT pg_advisory_xact_lock(hashtext('ntm.record-store:' || current_schema()));");
            return tx;
        }
        catch
        {
            tx.Dispose();
            throw;
        }
    }

    public override IReadOnlyList<string> RequiredTriggers { get; } =
        new[] { "records", "reviews", "chain_anchor", "schema_version" }.SelectMany(t => new[] { t + "_no_update", t + "_no_delete", t + "_no_truncate" }).ToArray();

    public override IReadOnlySet<string> ActiveTriggers(DbConnection connection, DbTransaction? tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        // A trigger disabled with ALTER TABLE … DISABLE TRIGGER counts as missing.
        cmd.CommandText = """
            SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgenabled <> 'D';
            """;
        using var reader = cmd.ExecuteReader();
        var present = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) present.Add(reader.GetString(0));
        return present;
    }

    /// <summary>PostgreSQL checks its pages itself (and with data checksums, when the cluster has them); nothing to run here.</summary>
    public override string? IntegrityCheck(DbConnection connection, DbTransaction? tx) => null;

    public override ChainHead? ReadAnchor(DbConnection connection, DbTransaction? tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT id, hash FROM chain_anchor ORDER BY id DESC LIMIT 1;";
        using var reader = cmd.ExecuteReader();
        if (!reader.Read()) return null;
        var id = reader.GetInt64(0);
        return ChainHead.Parse($"ntm.record-head/1 {id.ToString(CultureInfo.InvariantCulture)} {reader.GetString(1)}") ?? new ChainHead(-1, "");
    }

    public override void AnchorInTransaction(DbConnection connection, DbTransaction tx, ChainHead head)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO chain_anchor (id, hash) VALUES (@id, @hash);";
        cmd.Parameters.Add(new NpgsqlParameter("id", head.Id));
        cmd.Parameters.Add(new NpgsqlParameter("hash", head.Hash));
        cmd.ExecuteNonQuery();
    }

    public override void AnchorAfterCommit(ChainHead head) { }

    public override StoreException? Translate(Exception e) => e switch
    {
        PostgresException p => p.SqlState switch
        {
            "28P01" or "28000" => new StoreException(display, MessageText.Format(RecordMessages.PostgresSignIn, p.MessageText)),
            "3D000" => new StoreException(display, MessageText.Format(RecordMessages.PostgresNoDatabase, p.MessageText)),
            "42501" => new StoreException(display, MessageText.Format(RecordMessages.PostgresNotAllowed, p.MessageText)),
            ['0', '8', ..] or "57P01" or "57P03" => new StoreException(display, MessageText.Format(RecordMessages.PostgresUnavailable, p.MessageText)),
            _ => new StoreException(display, MessageText.Format(RecordMessages.StoreError, p.MessageText)),
        },
        NpgsqlException n => new StoreException(display, MessageText.Format(RecordMessages.PostgresUnreachable, n.InnerException?.Message ?? n.Message)),
        _ => null,
    };

    private static object? Scalar(DbConnection connection, DbTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
