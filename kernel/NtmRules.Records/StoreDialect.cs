using System.Data.Common;

namespace NtmRules.Records;

/// <summary>
/// What differs between the databases a <see cref="RecordStore"/> runs on: opening, the schema
/// migrations, how appends are serialized, the integrity check, where the chain head is anchored
/// and how errors read. Everything else — the queries, the hash chain, verification — is one code
/// path over <see cref="DbConnection"/>, with parameters written <c>@name</c>.
/// </summary>
internal abstract class StoreDialect
{
    /// <summary>The newest schema version; <see cref="Migration"/> knows every one up to it.</summary>
    public const int LatestVersion = 2;

    /// <summary>How the store is named in messages: a file path, or a connection without its password.</summary>
    public abstract string Display { get; }

    /// <summary>Opens a connection; a missing store without <paramref name="create"/> is a <see cref="StoreException"/>.</summary>
    public abstract DbConnection Open(bool create);

    /// <summary>The schema version of the store, 0 for an empty database.</summary>
    public abstract int CurrentVersion(DbConnection connection, DbTransaction? tx);

    /// <summary>The statements that take the schema from version <paramref name="version"/> − 1 to <paramref name="version"/>.</summary>
    public abstract string Migration(int version);

    /// <summary>Anything the dialect records besides the <c>schema_version</c> row once migrations ran.</summary>
    public virtual void AfterMigration(DbConnection connection, DbTransaction tx) { }

    /// <summary>
    /// Begins a transaction that no other writer of the same store can interleave with (an
    /// append reads the head and writes the next entry; two at once would fork the chain).
    /// </summary>
    public abstract DbTransaction BeginSerialized(DbConnection connection);

    /// <summary>The append-only triggers the schema creates (for the tables of <see cref="LatestVersion"/>).</summary>
    public abstract IReadOnlyList<string> RequiredTriggers { get; }

    /// <summary>The append-only triggers present and enabled.</summary>
    public abstract IReadOnlySet<string> ActiveTriggers(DbConnection connection, DbTransaction? tx);

    /// <summary>Null when the database's own integrity check finds nothing (or it has none), else what it found.</summary>
    public abstract string? IntegrityCheck(DbConnection connection, DbTransaction? tx);

    /// <summary>Where the chain head is kept outside the chain, for messages ("the head file records.db.head").</summary>
    public abstract string AnchorName { get; }

    /// <summary>The anchored head: null when there is none yet, a head with id -1 when it is unreadable.</summary>
    public abstract ChainHead? ReadAnchor(DbConnection connection, DbTransaction? tx);

    /// <summary>Anchors <paramref name="head"/> inside the append's transaction, when the dialect keeps it in the database.</summary>
    public abstract void AnchorInTransaction(DbConnection connection, DbTransaction tx, ChainHead head);

    /// <summary>Anchors <paramref name="head"/> after the append committed, when the dialect keeps it outside the database.</summary>
    public abstract void AnchorAfterCommit(ChainHead head);

    /// <summary>The database's error as a <see cref="StoreException"/>; null when it is not one of the database's errors.</summary>
    public abstract StoreException? Translate(Exception e);
}
