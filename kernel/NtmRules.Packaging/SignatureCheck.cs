using NtmRules.Kernel.Localization;
using NtmRules.Kernel.Domain;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>
/// The one place that decides what a package's signature is worth, for install and for every
/// load alike. A signature that does not match is tampering and is always refused; a missing
/// signature or an unknown signer is only a lack of trust, which <c>--allow-unsigned</c> may accept
/// (and every result then records).
/// </summary>
internal static class SignatureCheck
{
    /// <summary>The status to record, or null with <paramref name="refusal"/> and whether it is tampering (never allowed).</summary>
    public static PluginSignature? Decide(byte[] manifestBytes, byte[]? signatureBytes, Func<TrustStore> trust, bool allowUnsigned, out string? refusal)
    {
        refusal = null;
        if (signatureBytes is null)
        {
            // Reasons recorded with results (and hashed into saved records) stay one text in every language; refusals are for people.
            if (allowUnsigned) return PluginSignature.UnsignedAllowed("unsigned: no package.sig");
            refusal = PackagingMessages.UnsignedPackage;
            return null;
        }
        var (sig, error) = PackageSignatureFile.Parse(signatureBytes);
        if (sig is null)
        {
            refusal = MessageText.Format(PackagingMessages.SignatureFileBad, error);
            return null;
        }
        var store = trust();
        var key = store.Find(sig.KeyId);
        if (key is null)
        {
            if (allowUnsigned) return PluginSignature.UnsignedAllowed($"signed by key {sig.KeyId}, which is not in the trust store", sig.KeyId);
            refusal = MessageText.Format(PackagingMessages.UntrustedSigner, sig.KeyId, store.Path);
            return null;
        }
        if (!key.PublicKey.Verifies(manifestBytes, sig.Signature))
        {
            refusal = MessageText.Format(PackagingMessages.SignatureMismatch, sig.KeyId, key.Name);
            return null;
        }
        return PluginSignature.Signed(key.Name, key.KeyId);
    }
}
