using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Packaging.Tests;

/// <summary>Installing into a plugins folder, and the host's load-time policy on what is installed.</summary>
public class InstallAndLoadPolicyTests
{
    private sealed record Setup(string Root, string Plugins, string Package, SigningKey Key, string Trust, string Source);

    private static Setup Signed(string version = "1.0.0")
    {
        var root = Kit.TempDir();
        var key = Kit.Key();
        var source = Kit.DataOnlyPlugin(root, version: version);
        var package = Path.Combine(root, "p.ntmplugin");
        PackageWriter.Pack(source, key, package);
        return new Setup(root, Path.Combine(root, "plugins"), package, key, Kit.Trust(root, (key, "Sở NN&PTNT Thử")), source);
    }

    private static InstalledPluginVerifier Policy(string trust, string bundledRoot, bool allowUnsigned = false) =>
        new(() => TrustStore.Open(trust), bundledRoot, allowUnsigned);

    private static (PluginSignature? Signature, List<Problem> Problems) Verify(Harness h, string folder)
    {
        var problems = new List<Problem>();
        return (h.Verifier.Verify(folder, problems), problems);
    }

    private sealed record Harness(InstalledPluginVerifier Verifier);

    [Fact]
    public void Install_unpacks_into_a_folder_named_after_the_plugin_id_and_the_host_policy_accepts_it()
    {
        var s = Signed();
        var result = PackageInstaller.Install(s.Package, s.Plugins, Kit.Options(s.Trust), replace: false);
        result.Folder.Should().Be(Path.Combine(s.Plugins, "vn.test.2025"));
        Directory.GetDirectories(s.Plugins).Should().ContainSingle("the hidden work folder is renamed into place");
        var (signature, problems) = Verify(new(Policy(s.Trust, Path.Combine(s.Root, "bundled"))), result.Folder);
        problems.Should().BeEmpty();
        signature.Should().Be(PluginSignature.Signed("Sở NN&PTNT Thử", s.Key.PublicKey.KeyId));
    }

    [Fact]
    public void Installing_the_same_plugin_again_needs_replace_and_a_refused_package_leaves_the_installed_one_intact()
    {
        var s = Signed();
        PackageInstaller.Install(s.Package, s.Plugins, Kit.Options(s.Trust), replace: false);
        var again = () => PackageInstaller.Install(s.Package, s.Plugins, Kit.Options(s.Trust), replace: false);
        again.Should().Throw<PluginException>().Which.Problems.Single().Message.Should().Contain("already installed").And.Contain("--replace");

        // Version 2, packed by the same key, replaces it.
        File.WriteAllText(Path.Combine(s.Source, "plugin.json"), File.ReadAllText(Path.Combine(s.Source, "plugin.json")).Replace("1.0.0", "2.0.0"));
        var v2 = Path.Combine(s.Root, "v2.ntmplugin");
        PackageWriter.Pack(s.Source, s.Key, v2);
        PackageInstaller.Install(v2, s.Plugins, Kit.Options(s.Trust), replace: true).Replaced.Should().ContainSingle();
        File.ReadAllText(Path.Combine(s.Plugins, "vn.test.2025", "plugin.json")).Should().Contain("2.0.0");

        // A tampered version 3 is refused: version 2 stays, and no work folder is left behind.
        var entries = Kit.Entries(v2);
        var i = entries.FindIndex(e => e.Name == "rules/a.json");
        entries[i] = (entries[i].Name, Kit.Utf8("[]"));
        var bad = Kit.Zip(Path.Combine(s.Root, "bad.ntmplugin"), entries);
        var install = () => PackageInstaller.Install(bad, s.Plugins, Kit.Options(s.Trust), replace: true);
        install.Should().Throw<PluginException>();
        File.ReadAllText(Path.Combine(s.Plugins, "vn.test.2025", "plugin.json")).Should().Contain("2.0.0");
        Directory.GetDirectories(s.Plugins).Select(Path.GetFileName).Should().Equal("vn.test.2025");
    }

    [Fact]
    public void A_file_edited_added_or_removed_after_install_is_refused_at_load_naming_it_even_with_allow_unsigned()
    {
        var s = Signed();
        var folder = PackageInstaller.Install(s.Package, s.Plugins, Kit.Options(s.Trust), replace: false).Folder;
        var lenient = new Harness(Policy(s.Trust, Path.Combine(s.Root, "bundled"), allowUnsigned: true));

        var set = Path.Combine(folder, "sets", "a.json");
        File.WriteAllText(set, File.ReadAllText(set).Replace("thử", "thu"));
        var (signature, problems) = Verify(lenient, folder);
        signature.Should().BeNull();
        problems.Should().ContainSingle().Which.Should().Match<Problem>(p => p.File == set && p.Message.Contains("tampered: the file was changed after install"));

        File.Delete(set);
        File.WriteAllText(Path.Combine(folder, "Evil.dll"), "MZ");
        (signature, problems) = Verify(lenient, folder);
        signature.Should().BeNull();
        problems.Select(p => Path.GetFileName(p.File!) + ": " + p.Message).Should().BeEquivalentTo([
            "Evil.dll: tampered: the file was added after install (it is not in package.json); remove it or reinstall the plugin",
            "a.json: tampered: the file was removed after install; reinstall the plugin",
        ]);
    }

    [Fact]
    public void A_key_removed_from_the_trust_store_makes_its_plugins_untrusted_at_the_next_load()
    {
        var s = Signed();
        var folder = PackageInstaller.Install(s.Package, s.Plugins, Kit.Options(s.Trust), replace: false).Folder;
        TrustStore.Open(s.Trust).Remove(s.Key.PublicKey.KeyId);
        var (signature, problems) = Verify(new(Policy(s.Trust, Path.Combine(s.Root, "bundled"))), folder);
        signature.Should().BeNull();
        problems.Single().Message.Should().StartWith($"untrusted: signed by key {s.Key.PublicKey.KeyId}, which is not in the trust store");
        Verify(new(Policy(s.Trust, Path.Combine(s.Root, "bundled"), allowUnsigned: true)), folder).Signature!.Status.Should().Be(PluginSignatureStatus.UnsignedAllowed);
    }

    [Fact]
    public void An_unpackaged_folder_is_bundled_only_next_to_ntm_and_elsewhere_unsigned()
    {
        var s = Signed();
        var bundled = Path.Combine(s.Root, "bundled");
        var inBundled = Path.Combine(bundled, "Plugin");
        Directory.CreateDirectory(inBundled);
        var elsewhere = Path.Combine(s.Root, "elsewhere", "Plugin");
        Directory.CreateDirectory(elsewhere);

        Verify(new(Policy(s.Trust, bundled)), inBundled).Signature.Should().Be(PluginSignature.Bundled);
        var (signature, problems) = Verify(new(Policy(s.Trust, bundled)), elsewhere);
        signature.Should().BeNull();
        problems.Single().Message.Should().Contain("unsigned").And.Contain("--allow-unsigned");
        Verify(new(Policy(s.Trust, bundled, allowUnsigned: true)), elsewhere).Signature!.Code.Should().Be("unsigned-allowed");
        // Nested deeper under the bundled folder is not "next to ntm".
        var nested = Path.Combine(bundled, "x", "Plugin");
        Directory.CreateDirectory(nested);
        Verify(new(Policy(s.Trust, bundled)), nested).Signature.Should().BeNull();
    }
}
