using NtmRules.Kernel.Domain;

namespace NtmRules.Drafting;

/// <summary>
/// Whether a threshold value is confirmed by a source in hand. The one place drafting reads it, so
/// that a richer provenance model (confirmed / reported / assumed) changes one line here.
/// </summary>
public static class ThresholdConfirmation
{
    /// <summary>True when a source confirms the figure the evaluation applied.</summary>
    public static bool IsConfirmed(ResolvedThreshold applied) => applied.Provenance.State == ProvenanceState.Confirmed;
}
