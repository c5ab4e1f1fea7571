using NtmRules.Kernel.Localization;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records.Localization;

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
    /// <param name="store">The store, as messages name it.</param>
    /// <param name="id">The number asked for.</param>
    /// <param name="last">The store's newest number; null when it is empty.</param>
    /// <param name="isReview">The number is a review step's, not an evaluation record's.</param>
    public RecordNotFoundException(string store, long id, long? last, bool isReview = false)
        : base([new Problem(Severity.Error,
            isReview ? MessageText.Format(RecordMessages.RecordIsReview, id)
            : last is null ? MessageText.Format(RecordMessages.RecordNotFoundEmpty, id)
            : MessageText.Format(RecordMessages.RecordNotFound, id, last), store)])
    {
    }
}
