using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Records;

/// <summary>The record store is missing, locked or corrupt. The CLI exits with code 4.</summary>
public sealed class StoreException : NtmException
{
    /// <summary>Creates the exception.</summary>
    public StoreException(string store, string message) : base([new Problem(Severity.Error, message, store)]) { }
}

/// <summary>A record id that the store does not hold (an input error, exit code 2).</summary>
public sealed class RecordNotFoundException : NtmException
{
    /// <summary>Creates the exception.</summary>
    public RecordNotFoundException(string store, long id, long? last)
        : base([new Problem(Severity.Error, last is null ? $"record {id} does not exist: the store is empty" : $"record {id} does not exist (records are numbered 1–{last})", store)])
    {
    }
}
