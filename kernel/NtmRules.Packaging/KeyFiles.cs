using NtmRules.Kernel.Localization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>
/// An Ed25519 public key as ntm writes it: one line <c>ntm-ed25519-public &lt;base64 of the 32 raw bytes&gt;</c>,
/// identified by its key id (first 16 hex characters of the SHA-256 of the raw key).
/// </summary>
public sealed class SigningPublicKey
{
    /// <summary>First word of a public key file.</summary>
    public const string Header = "ntm-ed25519-public";

    private readonly byte[] _raw;

    private SigningPublicKey(byte[] raw)
    {
        _raw = raw;
        KeyId = IdOf(raw);
    }

    /// <summary>The 16-hex-character key id.</summary>
    public string KeyId { get; }

    /// <summary>The raw 32-byte key, base64.</summary>
    public string Base64 => Convert.ToBase64String(_raw);

    /// <summary>The file text: header, base64, newline.</summary>
    public string ToText() => $"{Header} {Base64}\n";

    /// <summary>The key id of a raw public key: short enough to read aloud, long enough not to collide by accident.</summary>
    public static string IdOf(ReadOnlySpan<byte> raw) => Convert.ToHexStringLower(SHA256.HashData(raw))[..16];

    /// <summary>A key from its 32 raw bytes; null when they are not a valid Ed25519 public key.</summary>
    public static SigningPublicKey? FromRaw(byte[] raw) =>
        raw.Length == 32 && PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out _) ? new SigningPublicKey(raw) : null;

    /// <summary>Reads a public key file.</summary>
    /// <exception cref="InputException">The file is missing or is not an ntm public key.</exception>
    public static SigningPublicKey ReadFile(string path) => Parse(KeyText.Read(path), path);

    /// <summary>Parses the text of a public key file; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InputException">Not an ntm public key (a private key given by mistake is named as such).</exception>
    public static SigningPublicKey Parse(string text, string source)
    {
        var raw = KeyText.Decode(text, Header, 32, source);
        return FromRaw(raw) ?? throw KeyText.Bad(source, PackagingMessages.PublicKeyInvalid);
    }

    /// <summary>Whether <paramref name="signature"/> is this key's signature of <paramref name="data"/>.</summary>
    public bool Verifies(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, _raw, KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(key, data, signature);
    }
}

/// <summary>
/// An Ed25519 private key (the 32-byte seed) as ntm writes it: one line <c>ntm-ed25519-private &lt;base64&gt;</c>,
/// in a file only its owner can read. Whoever holds it can publish plugins the trust store accepts.
/// </summary>
public sealed class SigningKey : IDisposable
{
    /// <summary>First word of a private key file.</summary>
    public const string Header = "ntm-ed25519-private";

    /// <summary>Length of an Ed25519 signature.</summary>
    public const int SignatureLength = 64;

    private readonly Key _key;

    private SigningKey(Key key)
    {
        _key = key;
        PublicKey = SigningPublicKey.FromRaw(key.PublicKey.Export(KeyBlobFormat.RawPublicKey))!;
    }

    /// <summary>The matching public key.</summary>
    public SigningPublicKey PublicKey { get; }

    /// <summary>A new random key pair.</summary>
    public static SigningKey Generate() =>
        new(Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Ed25519 signature of <paramref name="data"/> (deterministic: same key and data, same bytes).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(_key, data);

    /// <summary>Reads a private key file.</summary>
    /// <exception cref="InputException">Missing, or not an ntm private key (a public key given by mistake is named as such).</exception>
    public static SigningKey ReadFile(string path)
    {
        var seed = KeyText.Decode(KeyText.Read(path), Header, 32, path);
        return Key.TryImport(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, out var key,
                new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }) && key is not null
            ? new SigningKey(key)
            : throw KeyText.Bad(path, PackagingMessages.PrivateKeyInvalid);
    }

    /// <summary>
    /// Writes <c>NAME.key</c> (mode 0600 from creation, so it is never readable by others even
    /// briefly) and <c>NAME.pub</c>. Refuses to overwrite either: a lost private key cannot be recovered.
    /// </summary>
    /// <returns>The paths written.</returns>
    /// <exception cref="InputException">Either file already exists, or cannot be written.</exception>
    public (string PrivatePath, string PublicPath) WriteFiles(string name)
    {
        var privatePath = Path.GetFullPath(name + ".key");
        var publicPath = Path.GetFullPath(name + ".pub");
        foreach (var p in new[] { privatePath, publicPath })
        {
            if (File.Exists(p)) throw new InputException(new Problem(Severity.Error, PackagingMessages.KeyFileExists, p));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(privatePath)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var s = new FileStream(privatePath, options))
            {
                s.Write(Encoding.ASCII.GetBytes($"{Header} {Convert.ToBase64String(_key.Export(KeyBlobFormat.RawPrivateKey))}\n"));
            }
            File.WriteAllText(publicPath, PublicKey.ToText(), Encoding.ASCII);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new Problem(Severity.Error, MessageText.Format(PackagingMessages.KeyFilesCannotWrite, e.Message), privatePath));
        }
        return (privatePath, publicPath);
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}

/// <summary>The one-line text format shared by key files: header word, base64, nothing else.</summary>
internal static class KeyText
{
    private const int MaxFileBytes = 4096;

    public static string Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new InputException(new Problem(Severity.Error, PackagingMessages.KeyFileNotFound, path));
            if (info.Length > MaxFileBytes) throw Bad(path, MessageText.Format(PackagingMessages.KeyFileTooLarge, MessageText.Count(info.Length)));
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new Problem(Severity.Error, MessageText.Format(PackagingMessages.KeyFileCannotRead, e.Message), path));
        }
    }

    public static byte[] Decode(string text, string header, int length, string source)
    {
        var parts = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var other = header == SigningKey.Header ? SigningPublicKey.Header : SigningKey.Header;
        if (parts.Length > 0 && parts[0] == other)
            throw Bad(source, header == SigningKey.Header
                ? PackagingMessages.KeyIsPublic
                : PackagingMessages.KeyIsPrivate);
        if (parts.Length != 2 || parts[0] != header)
            throw Bad(source, MessageText.Format(PackagingMessages.KeyFileNotNtm, header));
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            throw Bad(source, PackagingMessages.KeyNotBase64);
        }
        if (raw.Length != length) throw Bad(source, MessageText.Format(PackagingMessages.KeyWrongLength, raw.Length, length));
        return raw;
    }

    public static InputException Bad(string source, string message) => new(new Problem(Severity.Error, message, source));
}
