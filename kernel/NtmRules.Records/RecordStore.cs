using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace NtmRules.Records;

/// <summary>A break in the hash chain: a record edited, deleted or inserted by hand.</summary>
/// <param name="RecordId">The first record at which the chain no longer holds.</param>
/// <param name="Reason">What does not match.</param>
public sealed record ChainBreak(long RecordId, string Reason);

/// <summary>
/// Evaluation records in an embedded SQLite file. Append-only: the schema refuses updates and
/// deletes, and each record's hash covers the previous record's, so an edit made by other means
/// (the sqlite3 shell, a hex editor) is detected by <see cref="VerifyChain"/>. A chain alone
/// cannot show that its newest records were cut off, so the newest record's number and hash are
/// also kept outside the database, in <see cref="HeadFilePath"/>, and can be checked against a
/// head an auditor kept (<see cref="Audit"/>). Nothing is written to a store that fails SQLite's
/// quick check, lost its append-only triggers or no longer reaches its head file.
/// </summary>
public sealed class RecordStore : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;

    private RecordStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>The default store: <c>ntmrules/records.db</c> under the user's local data folder, or <c>NTM_STORE</c>.</summary>
    public static string DefaultPath()
    {
        var env = Environment.GetEnvironmentVariable("NTM_STORE");
        if (!string.IsNullOrWhiteSpace(env)) return System.IO.Path.GetFullPath(env);
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root)) root = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return System.IO.Path.Combine(root, "ntmrules", "records.db");
    }

    /// <summary>
    /// Opens the store at <paramref name="path"/>. With <paramref name="create"/> a missing file is
    /// created; without, a missing file is a <see cref="StoreException"/> (nothing was saved there).
    /// </summary>
    public static RecordStore Open(string path, bool create)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            if (!create) throw new StoreException(full, "no record store here: nothing has been saved yet (use 'ntm evaluate … --save'), or pass --store PATH");
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 3000;");
            var store = new RecordStore(full, connection);
            store.EnsureSchema();
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Translate(full, e);
        }
    }

    private void EnsureSchema()
    {
        var version = Convert.ToInt32(Scalar("PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version == SchemaVersion) return;
        if (version != 0) throw new StoreException(Path, $"store schema version {version} is not one this version of ntm reads ({SchemaVersion})");
        using var tx = _connection.BeginTransaction();
        Execute(_connection, """
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
            PRAGMA user_version = 1;
            """, tx);
        tx.Commit();
    }

    /// <summary>The append-only triggers the schema creates.</summary>
    private static readonly string[] Triggers = ["records_no_update", "records_no_delete"];

    /// <summary>The head file: the newest record's number and hash, kept beside the database (<c>records.db.head</c>).</summary>
    public string HeadFilePath => Path + ".head";

    /// <summary>
    /// Appends a record, chained to the last one, in one transaction: all of it is written or none;
    /// then updates the head file. Refuses (<see cref="StoreException"/>) a store that is damaged or
    /// was tampered with, rather than chaining a new record onto it.
    /// </summary>
    public EvaluationRecord Append(RecordDraft draft, DateTimeOffset at)
    {
        CheckBeforeWriting();
        var record = Insert(draft, at);
        WriteHead(new ChainHead(record.Id, record.Hash));
        return record;
    }

    /// <summary>SQLite's quick check, the triggers and the head file, each a <see cref="StoreException"/> when it fails.</summary>
    private void CheckBeforeWriting()
    {
        var check = QuickCheck();
        if (check is not null) throw new StoreException(Path, $"the record store is damaged (SQLite quick check: {check}); nothing was saved. Restore it from a backup");
        if (MissingTriggers() is { Count: > 0 } missing)
            throw new StoreException(Path, $"the record store lost its append-only trigger(s) {string.Join(", ", missing)}, so records could have been changed or deleted; nothing was saved. Run 'ntm verify --all' and restore the store from a backup");
        if (HeadProblem(Head(), ReadHeadFile()) is { } problem)
            throw new StoreException(Path, $"{problem}; nothing was saved. Run 'ntm verify --all' and restore the store from a backup");
    }

    /// <summary>Null when SQLite's <c>PRAGMA quick_check</c> finds nothing, else what it found (first lines).</summary>
    public string? QuickCheck()
    {
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "PRAGMA quick_check(5);";
            using var reader = cmd.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read()) lines.Add(reader.GetString(0));
            return lines is ["ok"] ? null : string.Join("; ", lines);
        }
        catch (SqliteException e)
        {
            throw Translate(Path, e);
        }
    }

    /// <summary>The append-only triggers no longer in the schema.</summary>
    public IReadOnlyList<string> MissingTriggers() => Guarded(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger';";
        using var reader = cmd.ExecuteReader();
        var present = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) present.Add(reader.GetString(0));
        return Triggers.Where(t => !present.Contains(t)).ToArray();
    });

    /// <summary>The newest record's number and hash; null when the store is empty.</summary>
    public ChainHead? Head() => Guarded(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT id, hash FROM records ORDER BY id DESC LIMIT 1;";
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? new ChainHead(reader.GetInt64(0), reader.GetString(1)) : null;
    });

    /// <summary>Runs a query, SQLite's errors turned into <see cref="StoreException"/>s.</summary>
    private T Guarded<T>(Func<T> query)
    {
        try
        {
            return query();
        }
        catch (SqliteException e)
        {
            throw Translate(Path, e);
        }
    }

    /// <summary>The head file's content: null when there is none; a head with id -1 when it is unreadable.</summary>
    private ChainHead? ReadHeadFile()
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

    /// <summary>Why the store does not reach the head file, or null when it does (or there is no head file).</summary>
    private string? HeadProblem(ChainHead? head, ChainHead? anchored)
    {
        if (anchored is null) return null;
        var file = System.IO.Path.GetFileName(HeadFilePath);
        if (anchored.Id < 0) return $"the head file {file} is unreadable (edited by hand?)";
        if (head is null || head.Id < anchored.Id)
            return $"the newest records were deleted: the head file {file} names record {anchored.Id}, the store ends at {(head is null ? "no record" : $"record {head.Id}")}";
        var found = Query("SELECT * FROM records WHERE id = $id;", [("$id", anchored.Id)]);
        if (found.Count == 0 || found[0].Hash != anchored.Hash)
            return $"record {anchored.Id} is not the one the head file {file} names (hash {anchored.Hash[..12]}…): the chain was rewritten";
        return null;
    }

    private void WriteHead(ChainHead head)
    {
        try
        {
            var temp = HeadFilePath + ".tmp";
            File.WriteAllText(temp, head.ToFileLine());
            File.Move(temp, HeadFilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(Path, $"record {head.Id} was saved, but the head file {HeadFilePath} could not be written ({e.Message}); the next save rewrites it");
        }
    }

    /// <summary>
    /// Everything <c>ntm verify</c> checks in the store itself: the hash chain (<see cref="VerifyChain"/>),
    /// the append-only triggers, the head file and, when given, the head an auditor kept
    /// (<paramref name="expectedHead"/>: a record hash, or its first 12 or more hex digits as
    /// <c>ntm history</c> shows it), which must still be in the chain.
    /// </summary>
    public StoreAudit Audit(string? expectedHead = null)
    {
        var breaks = VerifyChain();
        var tampering = new List<string>();
        var notes = new List<string>();
        foreach (var t in MissingTriggers())
            tampering.Add($"the append-only trigger {t} was dropped: the store no longer refuses {(t.EndsWith("delete", StringComparison.Ordinal) ? "deletes" : "updates")}");
        var head = Head();
        var anchored = ReadHeadFile();
        if (HeadProblem(head, anchored) is { } problem) tampering.Add(problem);
        else if (anchored is null && head is not null) notes.Add($"no head file ({System.IO.Path.GetFileName(HeadFilePath)}) yet: the next save writes it; until then only a head you kept (--expect-head) shows deleted newest records");
        else if (anchored is not null && head is not null && head.Id > anchored.Id) notes.Add($"records {anchored.Id + 1}–{head.Id} are newer than the head file (ntm stopped between saving and updating it?)");
        if (expectedHead is not null) CheckExpected(expectedHead.Trim().ToLowerInvariant(), head, tampering, notes);
        return new StoreAudit(breaks, tampering, notes, head, Guarded(() => Convert.ToInt32(Scalar("SELECT count(*) FROM records;"), CultureInfo.InvariantCulture)));
    }

    private void CheckExpected(string expected, ChainHead? head, List<string> tampering, List<string> notes)
    {
        if (expected.Length is < 12 or > 64 || !expected.All(Uri.IsHexDigit))
            throw new Kernel.Diagnostics.InputException(new Kernel.Diagnostics.Problem(Kernel.Diagnostics.Severity.Error,
                "--expect-head takes a record hash (64 hex digits, or at least its first 12 as 'ntm history' shows them)", Field: "--expect-head"));
        var matches = Query("SELECT * FROM records WHERE substr(hash, 1, length($h)) = $h ORDER BY id;", [("$h", expected)]);
        if (matches.Count == 0)
            tampering.Add($"no record has the hash you kept ({expected}): the records up to that head were deleted or the chain was rewritten");
        else if (head is not null && matches[0].Id < head.Id)
            notes.Add($"the head you kept is record {matches[0].Id}; records {matches[0].Id + 1}–{head.Id} were saved after it");
    }

    private EvaluationRecord Insert(RecordDraft draft, DateTimeOffset at)
    {
        try
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            long lastId = 0;
            var previous = RecordHash.Genesis;
            using (var cmd = _connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "SELECT id, hash FROM records ORDER BY id DESC LIMIT 1;";
                using var reader = cmd.ExecuteReader();
                if (reader.Read())
                {
                    lastId = reader.GetInt64(0);
                    previous = reader.GetString(1);
                }
            }
            var unhashed = new EvaluationRecord
            {
                Id = lastId + 1,
                CreatedAt = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
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
            var record = unhashed with { Hash = RecordHash.Of(unhashed) };
            using (var insert = _connection.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = """
                    INSERT INTO records (id, created_at, commune_key, commune_name, commune_code, province, year, set_id, plugin_id,
                      plugin_version, plugin_sha256, kernel_version, rules_engine_version, data_file, data_sha256, data_bytes,
                      evaluation_json, trace_json, summary, previous_hash, hash)
                    VALUES ($id, $created, $key, $name, $code, $province, $year, $set, $plugin, $pversion, $psha, $kernel, $re,
                      $file, $dsha, $bytes, $eval, $trace, $summary, $prev, $hash);
                    """;
                var p = insert.Parameters;
                p.AddWithValue("$id", record.Id);
                p.AddWithValue("$created", record.CreatedAt);
                p.AddWithValue("$key", record.CommuneKey);
                p.AddWithValue("$name", record.CommuneName);
                p.AddWithValue("$code", (object?)record.CommuneCode ?? DBNull.Value);
                p.AddWithValue("$province", (object?)record.Province ?? DBNull.Value);
                p.AddWithValue("$year", record.Year);
                p.AddWithValue("$set", record.SetId);
                p.AddWithValue("$plugin", record.PluginId);
                p.AddWithValue("$pversion", record.PluginVersion);
                p.AddWithValue("$psha", record.PluginSha256);
                p.AddWithValue("$kernel", record.KernelVersion);
                p.AddWithValue("$re", record.RulesEngineVersion);
                p.AddWithValue("$file", record.DataFile);
                p.AddWithValue("$dsha", record.DataSha256);
                p.AddWithValue("$bytes", record.DataBytes);
                p.AddWithValue("$eval", record.EvaluationJson);
                p.AddWithValue("$trace", record.TraceJson);
                p.AddWithValue("$summary", record.Summary);
                p.AddWithValue("$prev", record.PreviousHash);
                p.AddWithValue("$hash", record.Hash);
                insert.ExecuteNonQuery();
            }
            tx.Commit();
            return record;
        }
        catch (SqliteException e)
        {
            throw Translate(Path, e);
        }
    }

    /// <summary>All records, oldest first; only those of <paramref name="communeKey"/> when given.</summary>
    public IReadOnlyList<EvaluationRecord> List(string? communeKey = null) =>
        Query(communeKey is null ? "SELECT * FROM records ORDER BY id;" : "SELECT * FROM records WHERE commune_key = $key OR commune_code = $key ORDER BY id;",
            communeKey is null ? [] : [("$key", communeKey)]);

    /// <summary>The record with <paramref name="id"/>.</summary>
    /// <exception cref="RecordNotFoundException">No such record.</exception>
    public EvaluationRecord Get(long id)
    {
        var found = Query("SELECT * FROM records WHERE id = $id;", [("$id", id)]);
        if (found.Count == 1) return found[0];
        var last = Scalar("SELECT MAX(id) FROM records;");
        throw new RecordNotFoundException(Path, id, last is DBNull or null ? null : Convert.ToInt64(last, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Walks the whole chain: every record's hash must match its content, every record must point
    /// at the one before it, and ids must run 1, 2, 3… without gaps. Returns every break found.
    /// </summary>
    public IReadOnlyList<ChainBreak> VerifyChain()
    {
        var breaks = new List<ChainBreak>();
        var previous = RecordHash.Genesis;
        long expectedId = 1;
        foreach (var r in List())
        {
            if (r.Id != expectedId) breaks.Add(new ChainBreak(r.Id, $"record {expectedId}{(r.Id - expectedId > 1 ? $"–{r.Id - 1}" : "")} is missing (deleted)"));
            if (r.PreviousHash != previous) breaks.Add(new ChainBreak(r.Id, "it does not point at the record before it (a record before it was deleted, inserted or edited)"));
            if (Convert.ToHexStringLower(SHA256.HashData(r.DataBytes)) != r.DataSha256) breaks.Add(new ChainBreak(r.Id, "its stored data file does not match its recorded SHA-256 (data edited)"));
            if (RecordHash.Of(r) != r.Hash) breaks.Add(new ChainBreak(r.Id, "its content does not match its hash (record edited)"));
            previous = r.Hash;
            expectedId = r.Id + 1;
        }
        return breaks;
    }

    private List<EvaluationRecord> Query(string sql, (string Name, object Value)[] parameters)
    {
        try
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (n, v) in parameters) cmd.Parameters.AddWithValue(n, v);
            using var reader = cmd.ExecuteReader();
            var list = new List<EvaluationRecord>();
            while (reader.Read())
            {
                string? Nullable(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
                string Text(string column) => reader.GetString(reader.GetOrdinal(column));
                list.Add(new EvaluationRecord
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
                });
            }
            return list;
        }
        catch (SqliteException e)
        {
            throw Translate(Path, e);
        }
        catch (InvalidCastException e)
        {
            throw new StoreException(Path, "the store is corrupt: a record has a value of the wrong type (" + e.Message + ")");
        }
    }

    private object? Scalar(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static StoreException Translate(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        5 or 6 => new StoreException(path, "the record store is locked by another program; close it and try again"),
        11 or 26 => new StoreException(path, "the record store is corrupt or not an ntm store: " + e.Message),
        14 => new StoreException(path, "cannot open the record store file: " + e.Message),
        8 => new StoreException(path, "the record store is read-only: " + e.Message),
        _ => new StoreException(path, "record store error: " + e.Message),
    };

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}

/// <summary>What a new record holds before the store numbers and chains it.</summary>
public sealed record RecordDraft(
    string CommuneKey, string CommuneName, string? CommuneCode, string? Province, int Year,
    string SetId, string PluginId, string PluginVersion, string PluginSha256, string KernelVersion, string RulesEngineVersion,
    string DataFile, byte[] DataBytes, string EvaluationJson, string TraceJson, string Summary);
