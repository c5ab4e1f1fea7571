using System.Security.Cryptography;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Packaging.Tests;

/// <summary>Writing, signing and opening packages: what verifies, and every way a package is refused.</summary>
public class PackageTests
{
    private static PackageFile Listed(string path, byte[] data) => new(path, data.Length, Convert.ToHexStringLower(SHA256.HashData(data)));

    private static (string Root, string Package, SigningKey Key, string Trust) SignedPackage()
    {
        var root = Kit.TempDir();
        var key = Kit.Key();
        var package = Path.Combine(root, "p.ntmplugin");
        PackageWriter.Pack(Kit.DataOnlyPlugin(root), key, package);
        return (root, package, key, Kit.Trust(root, (key, "Sở NN&PTNT Thử")));
    }

    private static string Refusal(Action open)
    {
        var e = open.Should().Throw<PluginException>().Which;
        return string.Join("\n", e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_signed_package_opens_with_its_signer_and_every_file()
    {
        var (root, package, key, trust) = SignedPackage();
        var target = Path.Combine(root, "out");
        var opened = PluginPackage.ExtractVerified(package, target, Kit.Options(trust));

        opened.Signature.Should().Be(PluginSignature.Signed("Sở NN&PTNT Thử", key.PublicKey.KeyId));
        opened.Manifest.PluginId.Should().Be("vn.test.2025");
        opened.Manifest.Files.Select(f => f.Path).Should().Equal("plugin.json", "rules/a.json", "sets/a.json");
        File.ReadAllText(Path.Combine(target, "sets", "a.json")).Should().Be(File.ReadAllText(Path.Combine(root, "src-vn.test.2025", "sets", "a.json")));
        File.Exists(Path.Combine(target, "package.json")).Should().BeTrue();
        File.Exists(Path.Combine(target, "package.sig")).Should().BeTrue();
    }

    [Fact]
    public void Packing_the_same_folder_with_the_same_key_twice_gives_identical_bytes()
    {
        var root = Kit.TempDir();
        var key = Kit.Key();
        var src = Kit.DataOnlyPlugin(root);
        PackageWriter.Pack(src, key, Path.Combine(root, "a.ntmplugin"));
        File.SetLastWriteTimeUtc(Path.Combine(src, "plugin.json"), DateTime.UtcNow.AddDays(-3)); // file times must not matter
        PackageWriter.Pack(src, key, Path.Combine(root, "b.ntmplugin"));
        File.ReadAllBytes(Path.Combine(root, "b.ntmplugin")).Should().Equal(File.ReadAllBytes(Path.Combine(root, "a.ntmplugin")));

        File.AppendAllText(Path.Combine(src, "sets", "a.json"), " ");
        PackageWriter.Pack(src, key, Path.Combine(root, "c.ntmplugin"));
        File.ReadAllBytes(Path.Combine(root, "c.ntmplugin")).Should().NotEqual(File.ReadAllBytes(Path.Combine(root, "a.ntmplugin")));
    }

    [Fact]
    public void One_changed_byte_in_a_packed_file_is_refused_as_tampered_and_nothing_is_left()
    {
        var (root, package, _, trust) = SignedPackage();
        var entries = Kit.Entries(package);
        var i = entries.FindIndex(e => e.Name == "sets/a.json");
        var data = entries[i].Data.ToArray();
        data[data.Length / 2] ^= 0x01;
        entries[i] = (entries[i].Name, data);
        var tampered = Kit.Zip(Path.Combine(root, "t.ntmplugin"), entries);

        var target = Path.Combine(root, "out");
        Refusal(() => PluginPackage.ExtractVerified(tampered, target, Kit.Options(trust)))
            .Should().Contain("tampered").And.Contain("sets/a.json").And.Contain("SHA-256 differs");
        Directory.Exists(target).Should().BeFalse();
    }

    [Fact]
    public void One_flipped_byte_anywhere_in_the_package_file_is_refused()
    {
        var (root, package, _, trust) = SignedPackage();
        var bytes = File.ReadAllBytes(package);
        var refusedAt = 0;
        // Every tenth byte in turn: headers, compressed data, the central directory.
        for (var at = 0; at < bytes.Length; at += 10)
        {
            var copy = bytes.ToArray();
            copy[at] ^= 0x20;
            var path = Path.Combine(root, $"flip-{at}.ntmplugin");
            File.WriteAllBytes(path, copy);
            var target = Path.Combine(root, $"out-{at}");
            try
            {
                PluginPackage.ExtractVerified(path, target, Kit.Options(trust));
                // A flip in a byte nothing reads (a header's timestamp or comment length) may open; the content must still be the packed one.
                Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f))
                    .Should().BeEquivalentTo(["plugin.json", "a.json", "a.json", "package.json", "package.sig"]);
            }
            catch (PluginException)
            {
                refusedAt++;
                Directory.Exists(target).Should().BeFalse();
            }
        }
        refusedAt.Should().BeGreaterThan(bytes.Length / 10 / 2, "most bytes of a package matter");
    }

    [Fact]
    public void A_changed_package_json_no_longer_matches_its_signature()
    {
        var (root, package, _, trust) = SignedPackage();
        var entries = Kit.Entries(package);
        var i = entries.FindIndex(e => e.Name == "package.json");
        entries[i] = ("package.json", Kit.Utf8(System.Text.Encoding.UTF8.GetString(entries[i].Data).Replace("\"1.0.0\"", "\"1.0.1\"")));
        var tampered = Kit.Zip(Path.Combine(root, "t.ntmplugin"), entries);
        var message = Refusal(() => PluginPackage.ExtractVerified(tampered, Path.Combine(root, "out"), Kit.Options(trust, allowUnsigned: true)));
        message.Should().Contain("tampered").And.Contain("does not match package.json", "a broken signature is never allowed, even with --allow-unsigned");
    }

    [Fact]
    public void A_key_not_in_the_trust_store_is_refused_and_allowed_only_with_allow_unsigned()
    {
        var (root, package, key, _) = SignedPackage();
        var other = Kit.Trust(root, (Kit.Key(), "Ai khác"));
        Refusal(() => PluginPackage.ExtractVerified(package, Path.Combine(root, "a"), Kit.Options(other)))
            .Should().Contain("untrusted").And.Contain(key.PublicKey.KeyId).And.Contain("ntm trust add");

        var allowed = PluginPackage.ExtractVerified(package, Path.Combine(root, "b"), Kit.Options(other, allowUnsigned: true));
        allowed.Signature.Status.Should().Be(PluginSignatureStatus.UnsignedAllowed);
        allowed.Signature.KeyId.Should().Be(key.PublicKey.KeyId);
        allowed.Signature.Reason.Should().Contain("not in the trust store");
    }

    [Fact]
    public void An_unsigned_package_is_refused_and_allowed_only_with_allow_unsigned()
    {
        var (root, package, _, trust) = SignedPackage();
        var unsigned = Kit.Zip(Path.Combine(root, "u.ntmplugin"), Kit.Entries(package).Where(e => e.Name != "package.sig"));
        Refusal(() => PluginPackage.ExtractVerified(unsigned, Path.Combine(root, "a"), Kit.Options(trust)))
            .Should().Contain("unsigned: no package.sig").And.Contain("--allow-unsigned");
        var allowed = PluginPackage.ExtractVerified(unsigned, Path.Combine(root, "b"), Kit.Options(trust, allowUnsigned: true));
        allowed.Signature.Should().Be(PluginSignature.UnsignedAllowed("unsigned: no package.sig"));
        File.Exists(Path.Combine(root, "b", "package.sig")).Should().BeFalse();
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("sets/../../x")]
    [InlineData("/etc/x")]
    [InlineData("a\\..\\b")]
    [InlineData("..\\x")]
    [InlineData("C:/x")]
    [InlineData("c:x")]
    [InlineData("sets//x")]
    public void An_entry_whose_path_could_escape_the_folder_is_refused_before_anything_is_written(string name)
    {
        var root = Kit.TempDir();
        var inner = Path.Combine(root, "deep", "deeper");
        Directory.CreateDirectory(inner);
        var plugin = Kit.Utf8("""{ "id": "vn.x", "version": "1" }""");
        var evil = Kit.Utf8("evil");
        var manifest = new PackageManifest("vn.x", "1", [Listed("plugin.json", plugin)]).ToBytes();
        var package = Kit.Zip(Path.Combine(root, "slip.ntmplugin"), [("package.json", manifest), ("plugin.json", plugin), (name, evil)]);

        var target = Path.Combine(inner, "out");
        Refusal(() => PluginPackage.ExtractVerified(package, target, Kit.Options(Path.Combine(root, "none.json"), allowUnsigned: true)))
            .Should().Contain("unsafe entry name").And.Contain(name);
        Directory.Exists(target).Should().BeFalse();
        Directory.EnumerateFiles(root, "x", SearchOption.AllDirectories).Should().BeEmpty();
        File.Exists("/etc/x").Should().BeFalse();
    }

    [Fact]
    public void A_path_listed_in_package_json_that_escapes_is_refused_too()
    {
        var root = Kit.TempDir();
        var evil = Kit.Utf8("evil");
        var manifest = new PackageManifest("vn.x", "1", [Listed("../x", evil)]).ToBytes();
        var package = Kit.Zip(Path.Combine(root, "slip.ntmplugin"), [("package.json", manifest)]);
        Refusal(() => PluginPackage.ExtractVerified(package, Path.Combine(root, "out"), Kit.Options(Path.Combine(root, "none.json"), allowUnsigned: true)))
            .Should().Contain("../x").And.Contain("escape");
    }

    [Fact]
    public void A_zip_bomb_is_refused_at_the_cap_without_being_written_out()
    {
        var root = Kit.TempDir();
        var plugin = Kit.Utf8("""{ "id": "vn.x", "version": "1" }""");
        var zeros = new byte[64 << 20]; // 64 MiB of zeros compress to about 64 KiB
        var limits = PackageLimits.Default with { MaxUnpackedBytes = 1 << 20 };

        // Listed with its true size: refused from the manifest, before any file is written.
        var honest = Kit.Zip(Path.Combine(root, "honest.ntmplugin"),
            [("package.json", new PackageManifest("vn.x", "1", [Listed("big.bin", zeros), Listed("plugin.json", plugin)]).ToBytes()), ("big.bin", zeros), ("plugin.json", plugin)]);
        new FileInfo(honest).Length.Should().BeLessThan(1 << 20, "the package itself is small");
        Refusal(() => PluginPackage.ExtractVerified(honest, Path.Combine(root, "a"), Kit.Options(Path.Combine(root, "none.json"), true, limits)))
            .Should().Contain("would unpack to 67108896 bytes, more than the limit of 1048576");
        Directory.Exists(Path.Combine(root, "a")).Should().BeFalse();

        // Listed as small (the manifest lies, as an unsigned one can): the real bytes are counted and stop there.
        var liar = Kit.Zip(Path.Combine(root, "liar.ntmplugin"),
            [("package.json", new PackageManifest("vn.x", "1", [new PackageFile("big.bin", 100, new string('0', 64)), Listed("plugin.json", plugin)]).ToBytes()), ("big.bin", zeros), ("plugin.json", plugin)]);
        Refusal(() => PluginPackage.ExtractVerified(liar, Path.Combine(root, "b"), Kit.Options(Path.Combine(root, "none.json"), true)))
            .Should().Contain("big.bin").And.Contain("more than the 100 bytes package.json lists");
        Directory.Exists(Path.Combine(root, "b")).Should().BeFalse();
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        var root = Kit.TempDir();
        var entries = Enumerable.Range(0, 50).Select(n => ($"f{n}.json", Kit.Utf8("{}"))).Prepend(("package.json", Kit.Utf8("{}")));
        var package = Kit.Zip(Path.Combine(root, "many.ntmplugin"), entries);
        Refusal(() => PluginPackage.ExtractVerified(package, Path.Combine(root, "out"), Kit.Options(Path.Combine(root, "none.json"), true, PackageLimits.Default with { MaxEntries = 20 })))
            .Should().Contain("51 entries, more than the limit of 20");
    }

    [Fact]
    public void Unlisted_and_missing_files_are_refused_naming_them()
    {
        var (root, package, _, trust) = SignedPackage();
        var entries = Kit.Entries(package);
        var extra = Kit.Zip(Path.Combine(root, "extra.ntmplugin"), entries.Append(("rules/b.json", Kit.Utf8("[]"))));
        Refusal(() => PluginPackage.ExtractVerified(extra, Path.Combine(root, "a"), Kit.Options(trust)))
            .Should().Contain("rules/b.json").And.Contain("not listed in package.json");
        var missing = Kit.Zip(Path.Combine(root, "missing.ntmplugin"), entries.Where(e => e.Name != "rules/a.json"));
        Refusal(() => PluginPackage.ExtractVerified(missing, Path.Combine(root, "b"), Kit.Options(trust)))
            .Should().Contain("rules/a.json").And.Contain("does not hold it");
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        var root = Kit.TempDir();
        var path = Path.Combine(root, "junk.ntmplugin");
        File.WriteAllText(path, "không phải tệp zip");
        Refusal(() => PluginPackage.ExtractVerified(path, Path.Combine(root, "out"), Kit.Options(Path.Combine(root, "none.json"))))
            .Should().Contain("not a zip archive");
    }
}
