using NtmRules.Kernel.Domain;

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
            const string reason = "unsigned: no package.sig";
            if (allowUnsigned) return PluginSignature.UnsignedAllowed(reason);
            refusal = $"{reason}. Only packages signed by a key in the trust store are installed and loaded; pass --allow-unsigned to accept it anyway (every result and trace will say so)";
            return null;
        }
        var (sig, error) = PackageSignatureFile.Parse(signatureBytes);
        if (sig is null)
        {
            refusal = $"tampered: {error}";
            return null;
        }
        var store = trust();
        var key = store.Find(sig.KeyId);
        if (key is null)
        {
            var reason = $"signed by key {sig.KeyId}, which is not in the trust store";
            if (allowUnsigned) return PluginSignature.UnsignedAllowed(reason, sig.KeyId);
            refusal = $"untrusted: {reason} ({store.Path}). If you trust its publisher, add their public key with 'ntm trust add KEY.pub --name \"…\"'; or pass --allow-unsigned to accept it anyway (every result and trace will say so)";
            return null;
        }
        if (!key.PublicKey.Verifies(manifestBytes, sig.Signature))
        {
            refusal = $"tampered: the signature of key {sig.KeyId} (\"{key.Name}\") does not match package.json: the package was changed after it was signed";
            return null;
        }
        return PluginSignature.Signed(key.Name, key.KeyId);
    }
}
