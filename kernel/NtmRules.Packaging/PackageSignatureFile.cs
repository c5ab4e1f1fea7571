using NtmRules.Kernel.Localization;
using System.Text;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>
/// <c>package.sig</c>: one line <c>ntm-ed25519-signature &lt;key id&gt; &lt;base64 signature&gt;</c>,
/// the Ed25519 signature over the exact bytes of <c>package.json</c> and the id of the key that made it.
/// </summary>
/// <param name="KeyId">The signing key's id (16 hex characters).</param>
/// <param name="Signature">The 64-byte signature.</param>
public sealed record PackageSignatureFile(string KeyId, byte[] Signature)
{
    /// <summary>First word of the file.</summary>
    public const string Header = "ntm-ed25519-signature";

    /// <summary>The file's bytes (ASCII, one line).</summary>
    public byte[] ToBytes() => Encoding.ASCII.GetBytes($"{Header} {KeyId} {Convert.ToBase64String(Signature)}\n");

    /// <summary>Parses the file; null with the reason when it is not a signature file.</summary>
    public static (PackageSignatureFile? File, string? Error) Parse(byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, PackagingMessages.SigNotText);
        }
        var parts = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || parts[0] != Header) return (null, MessageText.Format(PackagingMessages.SigNotSignatureFile, Header));
        if (parts[1].Length != 16 || !parts[1].All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f')) return (null, PackagingMessages.SigKeyId);
        try
        {
            var signature = Convert.FromBase64String(parts[2]);
            return signature.Length == SigningKey.SignatureLength
                ? (new PackageSignatureFile(parts[1], signature), null)
                : (null, MessageText.Format(PackagingMessages.SigLength, signature.Length, SigningKey.SignatureLength));
        }
        catch (FormatException)
        {
            return (null, PackagingMessages.SigNotBase64);
        }
    }
}
