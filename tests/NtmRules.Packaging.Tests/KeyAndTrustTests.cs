using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Packaging.Tests;

/// <summary>Key files and the trust store: round trips, permissions, and clear refusals of wrong or corrupt files.</summary>
public class KeyAndTrustTests
{
    private static string Message(Action act) => act.Should().Throw<InputException>().Which.Problems.Single().ToString();

    [Fact]
    public void Keygen_writes_an_owner_only_private_key_and_a_public_key_that_read_back()
    {
        var root = Kit.TempDir();
        using var key = Kit.Key();
        var (priv, pub) = key.WriteFiles(Path.Combine(root, "so-nn"));
        File.ReadAllText(pub).Should().StartWith("ntm-ed25519-public ");
        File.ReadAllText(priv).Should().StartWith("ntm-ed25519-private ");
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(priv).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using var back = SigningKey.ReadFile(priv);
        back.PublicKey.KeyId.Should().Be(key.PublicKey.KeyId).And.MatchRegex("^[0-9a-f]{16}$");
        SigningPublicKey.ReadFile(pub).KeyId.Should().Be(key.PublicKey.KeyId);
        var data = Kit.Utf8("package.json");
        SigningPublicKey.ReadFile(pub).Verifies(data, back.Sign(data)).Should().BeTrue();
        back.Sign(data).Should().Equal(key.Sign(data), "Ed25519 signatures are deterministic");

        Message(() => key.WriteFiles(Path.Combine(root, "so-nn"))).Should().Contain("already exists");
    }

    [Fact]
    public void Wrong_and_corrupt_key_files_are_refused_saying_what_is_wrong()
    {
        var root = Kit.TempDir();
        using var key = Kit.Key();
        var (priv, pub) = key.WriteFiles(Path.Combine(root, "k"));
        Message(() => SigningKey.ReadFile(pub)).Should().Contain("this is a public key");
        Message(() => SigningPublicKey.ReadFile(priv)).Should().Contain("this is a private key");
        Message(() => SigningKey.ReadFile(Path.Combine(root, "nope.key"))).Should().Contain("key file not found");

        var bad = Path.Combine(root, "bad.key");
        File.WriteAllText(bad, "ntm-ed25519-private @@@notbase64@@@\n");
        Message(() => SigningKey.ReadFile(bad)).Should().Contain("bad.key").And.Contain("not valid base64");
        File.WriteAllText(bad, "ntm-ed25519-private " + Convert.ToBase64String(new byte[31]) + "\n");
        Message(() => SigningKey.ReadFile(bad)).Should().Contain("31 bytes; an Ed25519 key is 32");
        File.WriteAllText(bad, "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n");
        Message(() => SigningKey.ReadFile(bad)).Should().Contain("not an ntm key file");
    }

    [Fact]
    public void The_trust_store_adds_lists_and_removes_keys_and_survives_a_reopen()
    {
        var root = Kit.TempDir();
        var path = Path.Combine(root, "sub", "trust.json");
        using var a = Kit.Key();
        using var b = Kit.Key();
        var store = TrustStore.Open(path);
        store.Keys.Should().BeEmpty();
        store.Add(a.PublicKey, "Sở NN&PTNT Lạng Sơn", DateTimeOffset.UnixEpoch);
        store.Add(b.PublicKey, "Bộ NN&PTNT", DateTimeOffset.UnixEpoch);
        Message(() => store.Add(a.PublicKey, "lần nữa", DateTimeOffset.UnixEpoch)).Should().Contain("already trusted, as \"Sở NN&PTNT Lạng Sơn\"");

        var reopened = TrustStore.Open(path);
        reopened.Keys.Select(k => (k.Name, k.KeyId)).Should().Equal(("Sở NN&PTNT Lạng Sơn", a.PublicKey.KeyId), ("Bộ NN&PTNT", b.PublicKey.KeyId));
        reopened.Remove(a.PublicKey.KeyId.ToUpperInvariant()).Name.Should().Be("Sở NN&PTNT Lạng Sơn");
        TrustStore.Open(path).Find(a.PublicKey.KeyId).Should().BeNull();
        Message(() => TrustStore.Open(path).Remove("0123456789abcdef")).Should().Contain("no trusted key has id");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().ContainSingle("saving goes through a temporary file that is renamed");
    }

    [Fact]
    public void A_corrupt_or_hand_edited_trust_store_is_refused()
    {
        var root = Kit.TempDir();
        var path = Path.Combine(root, "trust.json");
        File.WriteAllText(path, "{ not json");
        Message(() => TrustStore.Open(path)).Should().Contain("cannot read the trust store");
        File.WriteAllText(path, """{ "format": "ntm.trust/9", "keys": [] }""");
        Message(() => TrustStore.Open(path)).Should().Contain("format must be \"ntm.trust/1\"");

        using var a = Kit.Key();
        using var b = Kit.Key();
        TrustStore.Open(path = Path.Combine(root, "t2.json")).Add(a.PublicKey, "A", DateTimeOffset.UnixEpoch);
        // Someone swaps in another key but keeps the id the user approved.
        File.WriteAllText(path, File.ReadAllText(path).Replace(a.PublicKey.Base64, b.PublicKey.Base64));
        Message(() => TrustStore.Open(path)).Should().Contain("keys[0].keyId").And.Contain("does not match the public key");
    }
}
