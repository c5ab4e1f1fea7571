using NtmRules.Kernel.Localization;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>A publisher key the user trusts: its name (who they believe holds it), id, key and when it was added.</summary>
/// <param name="Name">E.g. "Sở NN&amp;PTNT Lạng Sơn".</param>
/// <param name="PublicKey">The key; its <see cref="SigningPublicKey.KeyId"/> is the entry's id.</param>
/// <param name="AddedAt">When it was added (UTC).</param>
public sealed record TrustedKey(string Name, SigningPublicKey PublicKey, DateTimeOffset AddedAt)
{
    /// <summary>The key id.</summary>
    public string KeyId => PublicKey.KeyId;
}

/// <summary>
/// The keys whose signatures the host accepts (format <c>ntm.trust/1</c>, a JSON file, by default
/// <c>~/.local/share/ntmrules/trust.json</c>). Adding a key is a decision of the person who runs
/// ntm: a package signed by that key installs and loads without asking again.
/// </summary>
public sealed class TrustStore
{
    /// <summary>The format tag.</summary>
    public const string Format = "ntm.trust/1";

    /// <summary>Environment variable that overrides the default file.</summary>
    public const string EnvironmentVariable = "NTM_TRUST";

    private readonly List<TrustedKey> _keys;

    private TrustStore(string path, List<TrustedKey> keys)
    {
        Path = path;
        _keys = keys;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The trusted keys, in the order added.</summary>
    public IReadOnlyList<TrustedKey> Keys => _keys;

    /// <summary>The file in effect: <paramref name="option"/>, else <c>$NTM_TRUST</c>, else the default under the user's data folder.</summary>
    public static string Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return System.IO.Path.GetFullPath(option);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return System.IO.Path.GetFullPath(env);
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root)) root = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return System.IO.Path.Combine(root, "ntmrules", "trust.json");
    }

    /// <summary>Opens the store; a missing file is an empty store (nothing trusted yet).</summary>
    /// <exception cref="InputException">The file exists but is not a trust store, or an entry's key id does not match its key (edited by hand).</exception>
    public static TrustStore Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path)) return new TrustStore(path, []);
        JObject o;
        try
        {
            using var reader = new JsonTextReader(new StringReader(File.ReadAllText(path))) { DateParseHandling = DateParseHandling.None };
            o = JObject.Load(reader);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw Corrupt(path, MessageText.Format(PackagingMessages.TrustCannotRead, e.Message));
        }
        if ((string?)o["format"] != Format) throw Corrupt(path, MessageText.Format(PackagingMessages.TrustNotStore, Format), "format");
        if (o["keys"] is not JArray array) throw Corrupt(path, PackagingMessages.TrustKeysNotArray, "keys");
        var keys = new List<TrustedKey>();
        for (var n = 0; n < array.Count; n++)
        {
            var field = $"keys[{n}]";
            if (array[n] is not JObject k || k["name"]?.Type != JTokenType.String || k["keyId"]?.Type != JTokenType.String
                || k["publicKey"]?.Type != JTokenType.String || k["addedAt"]?.Type != JTokenType.String)
                throw Corrupt(path, PackagingMessages.TrustKeyFields, field);
            SigningPublicKey key;
            try
            {
                key = SigningPublicKey.Parse($"{SigningPublicKey.Header} {(string)k["publicKey"]!}", path);
            }
            catch (InputException e)
            {
                throw Corrupt(path, e.Problems[0].Message, field + ".publicKey");
            }
            if ((string)k["keyId"]! != key.KeyId)
                throw Corrupt(path, MessageText.Format(PackagingMessages.TrustKeyIdMismatch, (string?)k["keyId"], key.KeyId), field + ".keyId");
            if (!DateTimeOffset.TryParse((string)k["addedAt"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                throw Corrupt(path, PackagingMessages.TrustAddedAtBad, field + ".addedAt");
            keys.Add(new TrustedKey((string)k["name"]!, key, at.ToUniversalTime()));
        }
        return new TrustStore(path, keys);
    }

    /// <summary>The trusted key with id <paramref name="keyId"/>, if any.</summary>
    public TrustedKey? Find(string keyId) => _keys.FirstOrDefault(k => k.KeyId == keyId);

    /// <summary>Adds <paramref name="key"/> under <paramref name="name"/> and saves.</summary>
    /// <exception cref="InputException">The name is empty, or the key is already trusted.</exception>
    public TrustedKey Add(SigningPublicKey key, string name, DateTimeOffset now)
    {
        name = name.Trim();
        if (name.Length == 0) throw new InputException(new Problem(Severity.Error, PackagingMessages.TrustNameMissing, Field: "--name"));
        if (Find(key.KeyId) is { } existing)
            throw new InputException(new Problem(Severity.Error, MessageText.Format(PackagingMessages.TrustAlreadyTrusted, key.KeyId, existing.Name), Path));
        var added = new TrustedKey(name, key, now.ToUniversalTime());
        _keys.Add(added);
        Save();
        return added;
    }

    /// <summary>Removes the key with id <paramref name="keyId"/> and saves; plugins it signed are refused from then on.</summary>
    /// <exception cref="InputException">No such key.</exception>
    public TrustedKey Remove(string keyId)
    {
        var key = Find(keyId.Trim().ToLowerInvariant())
            ?? throw new InputException(new Problem(Severity.Error, MessageText.Format(PackagingMessages.TrustNoKey, keyId), Path, Field: "KEYID"));
        _keys.Remove(key);
        Save();
        return key;
    }

    /// <summary>Writes the file through a temporary file and a rename, so a crash leaves the old or the new store, never half of one.</summary>
    private void Save()
    {
        var sb = new StringBuilder();
        using (var sw = new StringWriter(sb, CultureInfo.InvariantCulture) { NewLine = "\n" })
        using (var w = new JsonTextWriter(sw) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            w.WriteStartObject();
            w.WritePropertyName("format"); w.WriteValue(Format);
            w.WritePropertyName("keys");
            w.WriteStartArray();
            foreach (var k in _keys)
            {
                w.WriteStartObject();
                w.WritePropertyName("name"); w.WriteValue(k.Name);
                w.WritePropertyName("keyId"); w.WriteValue(k.KeyId);
                w.WritePropertyName("publicKey"); w.WriteValue(k.PublicKey.Base64);
                w.WritePropertyName("addedAt"); w.WriteValue(k.AddedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        sb.Append('\n');
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temp = Path + ".tmp-" + Guid.NewGuid().ToString("N");
            File.WriteAllText(temp, sb.ToString().Replace("\r\n", "\n"), new UTF8Encoding(false));
            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new Problem(Severity.Error, MessageText.Format(PackagingMessages.TrustCannotWrite, e.Message), Path));
        }
    }

    private static InputException Corrupt(string path, string message, string? field = null) =>
        new(new Problem(Severity.Error, MessageText.Format(PackagingMessages.TrustCorrupt, message), path, Field: field));
}
