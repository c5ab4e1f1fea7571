using NtmRules.Kernel.Localization;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using NtmRules.Records.Localization;

namespace NtmRules.Records;

/// <summary>A break in the hash chain: a record edited, deleted or inserted by hand.</summary>
/// <param name="RecordId">The first record (evaluation or review step) at which the chain no longer holds.</param>
/// <param name="Reason">What does not match.</param>
public sealed record ChainBreak(long RecordId, string Reason);

/// <summary>
/// Evaluation records and review steps, append-only and hash-chained, in an embedded SQLite file
/// (the default) or a PostgreSQL database. Both kinds are numbered in one sequence and each entry's
/// hash covers the previous entry's, so an edit made by other means (the sqlite3 shell, psql, a hex
/// editor) is detected by <see cref="VerifyChain"/>. The schema refuses updates and deletes. A chain
/// alone cannot show that its newest entries were cut off, so the newest entry's number and hash are
/// also anchored apart from the chain (a head file beside an SQLite store) and can be checked against
/// a head an auditor kept (<see cref="Audit"/>). Nothing is written to a store that fails its
/// integrity check, lost its append-only triggers or no longer reaches its anchored head.
/// </summary>
public sealed partial class RecordStore : IDisposable
{
    /// <summary>Every record and review step, by number: what the chain walks and the head is taken from.</summary>
    private const string ChainView = "(SELECT id, hash FROM records UNION ALL SELECT id, hash FROM reviews) AS chain";

    private static readonly string[] MigrationDescriptions = ["", "evaluation records", "review steps"];

    private readonly StoreDialect _dialect;
    private readonly DbConnection _connection;
    private DbTransaction? _tx;

    private RecordStore(StoreDialect dialect, DbConnection connection)
    {
        _dialect = dialect;
        _connection = connection;
    }

    /// <summary>The store as messages name it: the SQLite file, or the PostgreSQL connection without its password.</summary>
    public string Path => _dialect.Display;

    /// <summary>The default store: <c>ntmrules/records.db</c> under the user's local data folder, or <c>NTM_STORE</c>.</summary>
    public static string DefaultPath()
    {
        var env = Environment.GetEnvironmentVariable("NTM_STORE");
        if (!string.IsNullOrWhiteSpace(env)) return StoreLocation.Resolve(env);
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root)) root = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return System.IO.Path.Combine(root, "ntmrules", "records.db");
    }

    /// <summary>
    /// Opens the store at <paramref name="location"/>: an SQLite file path, or a PostgreSQL
    /// connection (<see cref="StoreLocation"/>). Brings its schema to the newest version. With
    /// <paramref name="create"/> a missing SQLite file is created; without, a missing file is a
    /// <see cref="StoreException"/> (nothing was saved there).
    /// </summary>
    public static RecordStore Open(string location, bool create)
    {
        var dialect = StoreLocation.Dialect(location);
        DbConnection connection;
        try
        {
            connection = dialect.Open(create);
        }
        catch (Exception e) when (dialect.Translate(e) is { } translated)
        {
            throw translated;
        }
        var store = new RecordStore(dialect, connection);
        try
        {
            store.Migrate();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Runs the migrations the store lacks, in one serialized transaction (several workers may open it at once).</summary>
    private void Migrate() => Guarded(() =>
    {
        if (_dialect.CurrentVersion(_connection, null) == StoreDialect.LatestVersion) return 0;
        return Serialized(() =>
        {
            var version = _dialect.CurrentVersion(_connection, _tx);
            if (version > StoreDialect.LatestVersion)
                throw new StoreException(Path, MessageText.Format(RecordMessages.SchemaTooNew, version, StoreDialect.LatestVersion));
            for (var v = version + 1; v <= StoreDialect.LatestVersion; v++)
            {
                Execute(_dialect.Migration(v));
                // Version 2 creates schema_version and records version 1 itself.
                if (v >= 2) Execute("INSERT INTO schema_version (version, description) VALUES (@v, @d);", ("@v", v), ("@d", MigrationDescriptions[v]));
            }
            if (version < StoreDialect.LatestVersion) _dialect.AfterMigration(_connection, _tx!);
            return 0;
        });
    });

    /// <summary>
    /// Appends an evaluation record, chained to the newest entry, in one transaction: all of it is
    /// written or none; then anchors the new head. Refuses (<see cref="StoreException"/>) a store
    /// that is damaged or was tampered with, rather than chaining a new record onto it.
    /// </summary>
    public EvaluationRecord Append(RecordDraft draft, DateTimeOffset at) =>
        AppendEntry((id, previous) =>
        {
            var record = NewRecord(draft, at, id, previous);
            InsertRecord(record);
            return (record, new ChainHead(record.Id, record.Hash));
        });

    /// <summary>
    /// Writes one entry in a serialized transaction: checks the store, reads the newest entry,
    /// lets <paramref name="write"/> insert the next one, anchors the new head.
    /// </summary>
    private T AppendEntry<T>(Func<long, string, (T Entry, ChainHead Head)> write)
    {
        var (entry, head) = Guarded(() => Serialized(() =>
        {
            CheckBeforeWriting();
            var last = Head();
            var written = write((last?.Id ?? 0) + 1, last?.Hash ?? RecordHash.Genesis);
            _dialect.AnchorInTransaction(_connection, _tx!, written.Head);
            return written;
        }));
        _dialect.AnchorAfterCommit(head);
        return entry;
    }

    private static EvaluationRecord NewRecord(RecordDraft draft, DateTimeOffset at, long id, string previous)
    {
        var unhashed = new EvaluationRecord
        {
            Id = id,
            CreatedAt = Timestamp(at),
            CommuneKey = draft.CommuneKey,
            CommuneName = draft.CommuneName,
            CommuneCode = draft.CommuneCode,
            Province = draft.Province,
            Year = draft.Year,
            SetId = draft.SetId,
            PluginId = draft.PluginId,
            PluginVersion = draft.PluginVersion,
            PluginSha256 = draft.PluginSha256,
            KernelVersion = draft.KernelVersion,
            RulesEngineVersion = draft.RulesEngineVersion,
            DataFile = draft.DataFile,
            DataSha256 = Convert.ToHexStringLower(SHA256.HashData(draft.DataBytes)),
            DataBytes = draft.DataBytes,
            EvaluationJson = draft.EvaluationJson,
            TraceJson = draft.TraceJson,
            Summary = draft.Summary,
            PreviousHash = previous,
            Hash = "",
        };
        return unhashed with { Hash = RecordHash.Of(unhashed) };
    }

    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void InsertRecord(EvaluationRecord r) => Execute("""
        INSERT INTO records (id, created_at, commune_key, commune_name, commune_code, province, year, set_id, plugin_id,
          plugin_version, plugin_sha256, kernel_version, rules_engine_version, data_file, data_sha256, data_bytes,
          evaluation_json, trace_json, summary, previous_hash, hash)
        VALUES (@id, @created, @key, @name, @code, @province, @year, @set, @plugin, @pversion, @psha, @kernel, @re,
          @file, @dsha, @bytes, @eval, @trace, @summary, @prev, @hash);
        """,
        ("@id", r.Id), ("@created", r.CreatedAt), ("@key", r.CommuneKey), ("@name", r.CommuneName), ("@code", r.CommuneCode),
        ("@province", r.Province), ("@year", r.Year), ("@set", r.SetId), ("@plugin", r.PluginId), ("@pversion", r.PluginVersion),
        ("@psha", r.PluginSha256), ("@kernel", r.KernelVersion), ("@re", r.RulesEngineVersion), ("@file", r.DataFile),
        ("@dsha", r.DataSha256), ("@bytes", r.DataBytes), ("@eval", r.EvaluationJson), ("@trace", r.TraceJson),
        ("@summary", r.Summary), ("@prev", r.PreviousHash), ("@hash", r.Hash));

    /// <summary>All evaluation records, oldest first; only those of <paramref name="communeKey"/> (key or code) when given.</summary>
    public IReadOnlyList<EvaluationRecord> List(string? communeKey = null) => communeKey is null
        ? QueryRecords("SELECT * FROM records ORDER BY id;")
        : QueryRecords("SELECT * FROM records WHERE commune_key = @key OR commune_code = @key ORDER BY id;", ("@key", communeKey));

    /// <summary>The evaluation record with <paramref name="id"/>.</summary>
    /// <exception cref="RecordNotFoundException">No such record, or it is a review step.</exception>
    public EvaluationRecord Get(long id)
    {
        var found = QueryRecords("SELECT * FROM records WHERE id = @id;", ("@id", id));
        if (found.Count == 1) return found[0];
        var last = Guarded(() => Scalar($"SELECT max(id) FROM {ChainView};"));
        var isReview = Guarded(() => Convert.ToInt64(Scalar("SELECT count(*) FROM reviews WHERE id = @id;", ("@id", id)), CultureInfo.InvariantCulture)) > 0;
        throw new RecordNotFoundException(Path, id, last is DBNull or null ? null : Convert.ToInt64(last, CultureInfo.InvariantCulture), isReview);
    }

    private List<EvaluationRecord> QueryRecords(string sql, params (string Name, object? Value)[] parameters) => Guarded(() =>
    {
        using var cmd = Command(sql, parameters);
        using var reader = cmd.ExecuteReader();
        var list = new List<EvaluationRecord>();
        while (reader.Read()) list.Add(ReadRecord(reader));
        return list;
    });

    private static EvaluationRecord ReadRecord(DbDataReader reader)
    {
        string? Nullable(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
        string Text(string column) => reader.GetString(reader.GetOrdinal(column));
        return new EvaluationRecord
        {
            Id = reader.GetInt64(reader.GetOrdinal("id")),
            CreatedAt = Text("created_at"),
            CommuneKey = Text("commune_key"),
            CommuneName = Text("commune_name"),
            CommuneCode = Nullable("commune_code"),
            Province = Nullable("province"),
            Year = reader.GetInt32(reader.GetOrdinal("year")),
            SetId = Text("set_id"),
            PluginId = Text("plugin_id"),
            PluginVersion = Text("plugin_version"),
            PluginSha256 = Text("plugin_sha256"),
            KernelVersion = Text("kernel_version"),
            RulesEngineVersion = Text("rules_engine_version"),
            DataFile = Text("data_file"),
            DataSha256 = Text("data_sha256"),
            DataBytes = (byte[])reader["data_bytes"],
            EvaluationJson = Text("evaluation_json"),
            TraceJson = Text("trace_json"),
            Summary = Text("summary"),
            PreviousHash = Text("previous_hash"),
            Hash = Text("hash"),
        };
    }

    /// <summary>Runs <paramref name="body"/> in a transaction no other writer interleaves with; commits when it returns.</summary>
    private T Serialized<T>(Func<T> body)
    {
        using var tx = _dialect.BeginSerialized(_connection);
        _tx = tx;
        try
        {
            var result = body();
            tx.Commit();
            return result;
        }
        finally
        {
            _tx = null;
        }
    }

    /// <summary>Runs a query, the database's errors turned into <see cref="StoreException"/>s.</summary>
    private T Guarded<T>(Func<T> query)
    {
        try
        {
            return query();
        }
        catch (DbException e)
        {
            throw _dialect.Translate(e) ?? new StoreException(Path, MessageText.Format(RecordMessages.StoreError, e.Message));
        }
        catch (InvalidCastException e)
        {
            throw new StoreException(Path, MessageText.Format(RecordMessages.StoreCorruptType, e.Message));
        }
    }

    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return cmd.ExecuteScalar();
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}

/// <summary>What a new record holds before the store numbers and chains it.</summary>
public sealed record RecordDraft(
    string CommuneKey, string CommuneName, string? CommuneCode, string? Province, int Year,
    string SetId, string PluginId, string PluginVersion, string PluginSha256, string KernelVersion, string RulesEngineVersion,
    string DataFile, byte[] DataBytes, string EvaluationJson, string TraceJson, string Summary);
