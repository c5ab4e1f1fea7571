using System.Globalization;
using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Domain;

/// <summary>Why the host trusted a plugin's files enough to load them.</summary>
public enum PluginSignatureStatus
{
    /// <summary>The host was given no verifier (a library caller or a unit test): nothing was checked.</summary>
    NotChecked,
    /// <summary>An unsigned folder in the plugin folder built next to ntm: it ships with the program, same trust as ntm.dll.</summary>
    Bundled,
    /// <summary>An installed package whose signature verified against a key of the trust store, its files unchanged since.</summary>
    Signed,
    /// <summary>Unsigned, or signed by a key not in the trust store, and loaded only because the user passed <c>--allow-unsigned</c>.</summary>
    UnsignedAllowed,
}

/// <summary>
/// The signature status of a loaded plugin, as every result and trace records it: who published
/// the files (a signature says who, not that the content is harmless), or why nobody vouches for them.
/// </summary>
/// <param name="Status">The status.</param>
/// <param name="KeyName">Name of the trust-store key that signed it (<see cref="PluginSignatureStatus.Signed"/> only).</param>
/// <param name="KeyId">Id of the signing key: first 16 hex characters of the SHA-256 of the raw public key; also set for an untrusted signer.</param>
/// <param name="Reason">Why it is unverified (<see cref="PluginSignatureStatus.UnsignedAllowed"/>, <see cref="PluginSignatureStatus.NotChecked"/>); no file paths, so outputs stay reproducible.</param>
public sealed record PluginSignature(PluginSignatureStatus Status, string? KeyName = null, string? KeyId = null, string? Reason = null)
{
    /// <summary>No verifier was consulted.</summary>
    public static PluginSignature NotChecked { get; } = new(PluginSignatureStatus.NotChecked, Reason: NoVerifier);

    /// <summary>The reason <see cref="NotChecked"/> records, in the outputs' stable English; <see cref="Label"/> says it in the reader's language.</summary>
    private const string NoVerifier = "the host was given no plugin verifier";

    /// <summary>Ships with ntm.</summary>
    public static PluginSignature Bundled { get; } = new(PluginSignatureStatus.Bundled);

    /// <summary>Verified against the trust-store key <paramref name="keyName"/> (<paramref name="keyId"/>).</summary>
    public static PluginSignature Signed(string keyName, string keyId) => new(PluginSignatureStatus.Signed, keyName, keyId);

    /// <summary>Loaded under <c>--allow-unsigned</c>; <paramref name="keyId"/> names an untrusted signer, if any.</summary>
    public static PluginSignature UnsignedAllowed(string reason, string? keyId = null) => new(PluginSignatureStatus.UnsignedAllowed, KeyId: keyId, Reason: reason);

    /// <summary>Machine code: <c>not-checked</c>, <c>bundled</c>, <c>signed</c>, <c>unsigned-allowed</c>.</summary>
    public string Code => Status switch
    {
        PluginSignatureStatus.NotChecked => "not-checked",
        PluginSignatureStatus.Bundled => "bundled",
        PluginSignatureStatus.Signed => "signed",
        PluginSignatureStatus.UnsignedAllowed => "unsigned-allowed",
        _ => throw new ArgumentOutOfRangeException(nameof(Status)),
    };

    /// <summary>In Vietnamese, for documents and pages: "đã ký bởi Sở NN&amp;PTNT Lạng Sơn (khóa 1a2b…)".</summary>
    public string Label => LabelIn(MessageText.Vietnamese);

    /// <summary>The label in <paramref name="language"/>: "đã ký bởi … (khóa …)", "signed by … (key …)".</summary>
    public string LabelIn(CultureInfo language) => Status switch
    {
        PluginSignatureStatus.NotChecked => DomainText.Format(nameof(DomainMessages.SignatureNotChecked), language,
            Reason == NoVerifier ? DomainText.In(nameof(DomainMessages.NoPluginVerifier), language) : Reason),
        PluginSignatureStatus.Bundled => DomainText.In(nameof(DomainMessages.SignatureBundled), language),
        PluginSignatureStatus.Signed => DomainText.Format(nameof(DomainMessages.SignatureSigned), language, KeyName, KeyId),
        PluginSignatureStatus.UnsignedAllowed => DomainText.Format(nameof(DomainMessages.SignatureUnsignedAllowed), language, Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(Status)),
    };
}
