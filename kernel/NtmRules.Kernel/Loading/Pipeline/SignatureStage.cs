using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading.Pipeline;

/// <summary>
/// Stage 2: the signature policy decides whether a folder may be loaded at all. It runs before
/// anything else reads the folder: loading an assembly runs its code, and a refused folder must
/// not get that far.
/// </summary>
internal static class SignatureStage
{
    /// <summary>Whether <paramref name="candidate"/> may go on; records its signature status, or why it is refused.</summary>
    public static bool Verify(PluginCandidate candidate, IPluginVerifier? verifier)
    {
        if (verifier is null) return true;
        PluginSignature? verified;
        try
        {
            verified = verifier.Verify(candidate.Folder, candidate.Problems);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            candidate.Problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.SignatureCheckFailed, e.GetType().Name, e.Message), candidate.Folder));
            return false;
        }
        if (verified is null)
        {
            if (!candidate.HasErrors)
                candidate.Problems.Add(new Problem(Severity.Error, LoadingMessages.SignatureRefused, candidate.Folder));
            return false;
        }
        candidate.Signature = verified;
        return true;
    }
}
