using System.IO.Compression;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace NtmRules.Cli.Tests;

/// <summary>
/// End-to-end: ntm plugin keygen / pack / install and ntm trust, and the signature status that
/// every result and trace then carries; the refusals as the commands report them (untrusted, unsigned,
/// tampered, wrong key files) with their reason and exit code. What the package library itself checks
/// — every tampered byte, unsafe entry names, zip bombs, the install and load policy — is in-process in
/// <c>NtmRules.Packaging.Tests</c>.
/// </summary>
public class PluginPackageTests
{
    private const string Qd318 = "NtmRules.Plugins.Qd318";
    private const string LangSon = "NtmRules.Plugins.LangSon";
    private const string LangSonSet = "vn.lang-son.2022-2025.xa-ntm";

    /// <summary>A scratch folder with its own trust store (NTM_TRUST) and plugins folder.</summary>
    private sealed class Workspace
    {
        public string Root { get; } = Cli.TempPluginsFolder();
        public string Plugins => Path.Combine(Root, "plugins");
        public string Trust => Path.Combine(Root, "trust.json");
        public string Path_(string name) => Path.Combine(Root, name);

        public Cli.Result Ntm(params string[] args) =>
            Cli.Run(args, new Dictionary<string, string?> { ["NTM_TRUST"] = Trust }, workingDirectory: Root);

        public Cli.Result Ok(params string[] args)
        {
            var r = Ntm(args);
            r.ExitCode.Should().Be(0, r.ToString());
            return r;
        }

        /// <summary>Writes NAME.key/NAME.pub and returns the key id.</summary>
        public string Keygen(string name) => Regex.Match(Ok("plugin", "keygen", "--out", name).Stdout, "key id: ([0-9a-f]{16})").Groups[1].Value;

        /// <summary>A copy of the bundled Lạng Sơn plugin, data only (plugin.json, sets): the preferred form, no code.</summary>
        public string DataOnlyLangSon()
        {
            var dir = Path.Combine(Path_("src"), LangSon);
            return Directory.Exists(dir) ? dir : Cli.CopyPlugin(LangSon, Path_("src"));
        }

        /// <summary>Signed national and Lạng Sơn packages, their keys trusted and both installed.</summary>
        public (string NationalKey, string ProvinceKey) InstallSignedLangSon()
        {
            var national = Keygen("bo-nn");
            var province = Keygen("so-nn-lang-son");
            Ok("plugin", "pack", Path.Combine(Cli.BuiltPlugins, Qd318), "--key", "bo-nn.key", "--out", "qd318.ntmplugin");
            Ok("plugin", "pack", DataOnlyLangSon(), "--key", "so-nn-lang-son.key", "--out", "lang-son.ntmplugin");
            Ok("trust", "add", "bo-nn.pub", "--name", "Bộ NN&PTNT");
            Ok("trust", "add", "so-nn-lang-son.pub", "--name", "Sở NN&PTNT Lạng Sơn");
            Ok("plugin", "install", "qd318.ntmplugin", "--plugins", Plugins);
            Ok("plugin", "install", "lang-son.ntmplugin", "--plugins", Plugins);
            return (national, province);
        }
    }

    private static string[] EvaluateArgs(string plugins, params string[] more) =>
        ["evaluate", "--plugins", plugins, "--set", LangSonSet, "--data", Cli.Sample("tan-lap-2024.json"), .. more];

    private static void Rezip(string source, string target, Func<string, byte[], (string Name, byte[] Data)?> change)
    {
        var entries = new List<(string, byte[])>();
        using (var zip = ZipFile.OpenRead(source))
        {
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                if (change(e.FullName, m.ToArray()) is { } kept) entries.Add(kept);
            }
        }
        using var output = File.Create(target);
        using var w = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var (name, data) in entries)
        {
            using var s = w.CreateEntry(name).Open();
            s.Write(data);
        }
    }

    [Fact]
    public void A_package_is_validated_and_tested_only_once_its_signature_verifies()
    {
        var w = new Workspace();
        var key = w.Keygen("so-nn-lang-son");
        w.Ok("plugin", "pack", w.DataOnlyLangSon(), "--key", "so-nn-lang-son.key", "--out", "lang-son.ntmplugin");

        foreach (var command in new[] { "validate", "test" })
        {
            var untrusted = w.Ntm("plugin", command, "lang-son.ntmplugin");
            untrusted.ExitCode.Should().Be(3, untrusted.ToString());
            untrusted.Stderr.Should().Contain($"untrusted: signed by key {key}, which is not in the trust store");
        }

        w.Ok("trust", "add", "so-nn-lang-son.pub", "--name", "Sở NN&PTNT Lạng Sơn");
        w.Ok("plugin", "validate", "lang-son.ntmplugin").Stdout.Should().Contain("plugin vn.lang-son.2022-2025 1.0.0").And.Contain("hợp lệ (valid)");
        w.Ok("plugin", "test", "lang-son.ntmplugin", "--min-coverage", "100", "--lang", "vi").Stdout.Should().Contain("độ phủ 100,0% (210/210 chỉ tiêu)");
        Directory.GetDirectories(Path.GetTempPath(), "ntm-package-*").Should().NotContain(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories).Any(f => f.EndsWith("lang-son.ntmplugin", StringComparison.Ordinal)),
            "the unpacked copy is deleted afterwards");

        // One byte changed inside the package: refused by both, whatever the trust store says.
        Rezip(w.Path_("lang-son.ntmplugin"), w.Path_("tampered.ntmplugin"), (name, data) =>
            name == "sets/xa-ntm.json" ? (name, [.. data, (byte)' ']) : (name, data));
        foreach (var command in new[] { "validate", "test" })
        {
            var tampered = w.Ntm("plugin", command, "tampered.ntmplugin", "--allow-unsigned");
            tampered.ExitCode.Should().Be(3, tampered.ToString());
            tampered.Stderr.Should().Contain("sets/xa-ntm.json");
        }
    }

    [Fact]
    public async Task Keygen_pack_trust_install_then_evaluate_names_the_signer_in_result_trace_and_plugin_list()
    {
        var w = new Workspace();
        var (nationalKey, provinceKey) = w.InstallSignedLangSon();
        Directory.GetDirectories(w.Plugins).Select(Path.GetFileName).Should().BeEquivalentTo(["vn.qd318", "vn.lang-son.2022-2025"]);

        var json = w.Ok(EvaluateArgs(w.Plugins, "--format", "json"));
        var doc = JObject.Parse(json.Stdout);
        doc["plugin"]!["signature"]!.ToString(Newtonsoft.Json.Formatting.None)
            .Should().Be($$"""{"status":"signed","keyName":"Sở NN&PTNT Lạng Sơn","keyId":"{{provinceKey}}","reason":null}""");
        doc["set"]!["extends"]![0]!["plugin"]!["signature"]!["keyName"]!.ToString().Should().Be("Bộ NN&PTNT");
        doc["set"]!["extends"]![0]!["plugin"]!["signature"]!["keyId"]!.ToString().Should().Be(nationalKey);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Cli.RepoRoot, "docs", "schemas", "evaluation.schema.json"));
        schema.Validate(json.Stdout).Should().BeEmpty();

        // Installed from a package or shipped with ntm: the same files, the same content hash and verdicts.
        var bundled = JObject.Parse(Cli.Run("evaluate", "--set", LangSonSet, "--data", Cli.Sample("tan-lap-2024.json"), "--format", "json").Stdout);
        bundled["plugin"]!["signature"]!["status"]!.ToString().Should().Be("bundled");
        doc["plugin"]!["contentSha256"]!.ToString().Should().Be(bundled["plugin"]!["contentSha256"]!.ToString());
        doc["summary"]!.ToString().Should().Be(bundled["summary"]!.ToString());

        var trace = w.Ok(["trace", "--plugins", w.Plugins, "--set", LangSonSet, "--data", Cli.Sample("tan-lap-2024.json"), "--lang", "vi"]);
        trace.Stdout.Should().Contain($"Chữ ký plugin: đã ký bởi Sở NN&PTNT Lạng Sơn (khóa {provinceKey})")
            .And.Contain($"Chữ ký plugin: đã ký bởi Bộ NN&PTNT (khóa {nationalKey})");
        var traceJson = JObject.Parse(w.Ok(["trace", "--plugins", w.Plugins, "--set", LangSonSet, "--data", Cli.Sample("tan-lap-2024.json"), "--format", "json"]).Stdout);
        traceJson["provenance"]!["pluginSignature"]!["keyId"]!.ToString().Should().Be(provinceKey);

        var list = w.Ok("plugins", "--plugins", w.Plugins, "--lang", "vi");
        list.Stdout.Should().Contain("đã ký bởi Sở NN&PTNT Lạng Sơn").And.Contain("đã ký bởi Bộ NN&PTNT");
        Regex.Matches(list.Stdout, @"\(chỉ dữ liệu\)").Should().HaveCount(2, "both packages hold data only, as the bundled folders they were packed from do");
        w.Ok("trust", "list").Stdout.Should().Contain($"{provinceKey}  ").And.Contain("Sở NN&PTNT Lạng Sơn").And.Contain("2 trusted keys");
    }

    [Fact]
    public void Packing_the_same_folder_twice_gives_a_byte_identical_package()
    {
        var w = new Workspace();
        w.Keygen("k");
        var src = w.DataOnlyLangSon();
        var first = w.Ok("plugin", "pack", src, "--key", "k.key", "--out", "a.ntmplugin");
        first.Stdout.Should().Contain("packed vn.lang-son.2022-2025 1.0.0").And.NotContain(".dll", "a data-only plugin holds no code");

        // Without --out: <id>-<version>.ntmplugin in the current folder.
        w.Ok("plugin", "pack", src, "--key", "k.key");
        File.ReadAllBytes(w.Path_("vn.lang-son.2022-2025-1.0.0.ntmplugin")).Should().Equal(File.ReadAllBytes(w.Path_("a.ntmplugin")));
    }

    [Fact]
    public void A_file_edited_after_install_is_refused_at_load_naming_the_file_even_with_allow_unsigned()
    {
        var w = new Workspace();
        w.InstallSignedLangSon();
        var set = Path.Combine(w.Plugins, "vn.lang-son.2022-2025", "sets", "xa-ntm.json");
        File.AppendAllText(set, "\n"); // one byte more, same JSON: only the hash can tell

        foreach (var flags in new[] { Array.Empty<string>(), ["--allow-unsigned"] })
        {
            var r = w.Ntm(EvaluateArgs(w.Plugins, flags));
            r.ExitCode.Should().Be(3, r.ToString());
            r.Stderr.Should().Contain($"{set}: error: tampered: the file was changed after install");
        }
        w.Ntm("plugins", "--plugins", w.Plugins).Stdout.Should().Contain("tampered");
    }

    [Fact]
    public void A_package_signed_by_an_untrusted_key_is_refused_and_installs_only_with_allow_unsigned()
    {
        var w = new Workspace();
        var key = w.Keygen("k");
        w.Ok("plugin", "pack", w.DataOnlyLangSon(), "--key", "k.key", "--out", "ls.ntmplugin");
        var r = w.Ntm("plugin", "install", "ls.ntmplugin", "--plugins", w.Plugins);
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stderr.Should().Contain("ls.ntmplugin: error: package refused: untrusted: signed by key " + key).And.Contain("ntm trust add");
        Directory.Exists(w.Plugins).Should().BeTrue();
        Directory.GetDirectories(w.Plugins).Should().BeEmpty("a refused install leaves nothing");

        var allowed = w.Ok("plugin", "install", "ls.ntmplugin", "--plugins", w.Plugins, "--allow-unsigned");
        allowed.Stdout.Should().Contain("NOT verified: signed by key " + key + ", which is not in the trust store");
    }

    [Fact]
    public async Task An_unsigned_package_is_refused_and_with_allow_unsigned_every_result_and_trace_records_it()
    {
        var w = new Workspace();
        w.Keygen("k");
        w.Ok("plugin", "pack", w.DataOnlyLangSon(), "--key", "k.key", "--out", "signed.ntmplugin");
        Rezip(w.Path_("signed.ntmplugin"), w.Path_("unsigned.ntmplugin"), (name, data) => name == "package.sig" ? null : (name, data));
        Cli.CopyPlugin(Qd318, w.Plugins); // the base, as an unsigned folder

        var refused = w.Ntm("plugin", "install", "unsigned.ntmplugin", "--plugins", w.Plugins);
        refused.ExitCode.Should().Be(3, refused.ToString());
        refused.Stderr.Should().Contain("package refused: unsigned: no package.sig").And.Contain("--allow-unsigned");
        w.Ok("plugin", "install", "unsigned.ntmplugin", "--plugins", w.Plugins, "--allow-unsigned");

        var strict = w.Ntm(EvaluateArgs(w.Plugins, "--format", "json"));
        strict.ExitCode.Should().Be(3, strict.ToString());
        strict.Stderr.Should().Contain("unsigned");

        var json = w.Ok(EvaluateArgs(w.Plugins, "--format", "json", "--allow-unsigned"));
        json.Stderr.Should().Contain("warning: plugin vn.lang-son.2022-2025 loaded without a trusted signature because of --allow-unsigned");
        var doc = JObject.Parse(json.Stdout);
        doc["plugin"]!["signature"]!["status"]!.ToString().Should().Be("unsigned-allowed");
        doc["plugin"]!["signature"]!["reason"]!.ToString().Should().Be("unsigned: no package.sig");
        doc["set"]!["extends"]![0]!["plugin"]!["signature"]!["status"]!.ToString().Should().Be("unsigned-allowed");
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Cli.RepoRoot, "docs", "schemas", "evaluation.schema.json"));
        schema.Validate(json.Stdout).Should().BeEmpty();

        var traceJson = w.Ok(["trace", "--plugins", w.Plugins, "--allow-unsigned", "--set", LangSonSet, "--data", Cli.Sample("tan-lap-2024.json"), "--format", "json"]);
        var trace = JObject.Parse(traceJson.Stdout);
        trace["provenance"]!["pluginSignature"]!["status"]!.ToString().Should().Be("unsigned-allowed");
        trace["provenance"]!["bases"]![0]!["pluginSignature"]!["status"]!.ToString().Should().Be("unsigned-allowed");
        var traceSchema = await JsonSchema.FromFileAsync(Path.Combine(Cli.RepoRoot, "docs", "schemas", "trace.schema.json"));
        traceSchema.Validate(traceJson.Stdout).Should().BeEmpty();
        w.Ok(["trace", "--plugins", w.Plugins, "--allow-unsigned", "--set", LangSonSet, "--data", Cli.Sample("tan-lap-2024.json"), "--lang", "vi"])
            .Stdout.Should().Contain("Chữ ký plugin: KHÔNG xác minh được chữ ký, nạp do --allow-unsigned (unsigned: no package.sig)");
        w.Ok(EvaluateArgs(w.Plugins, "--allow-unsigned", "--lang", "vi")).Stdout.Should().Contain("Chữ ký plugin: KHÔNG xác minh được chữ ký");
    }

    [Fact]
    public void Wrong_or_corrupt_key_files_are_bad_input()
    {
        var w = new Workspace();
        w.Keygen("k");
        File.WriteAllText(w.Path_("broken.key"), "ntm-ed25519-private AAAA\n");
        var pack = w.Ntm("plugin", "pack", w.DataOnlyLangSon(), "--key", "broken.key");
        pack.ExitCode.Should().Be(2, pack.ToString());
        pack.Stderr.Should().Contain("broken.key: error: the key is 3 bytes; an Ed25519 key is 32");

        var withPublic = w.Ntm("plugin", "pack", w.DataOnlyLangSon(), "--key", "k.pub");
        withPublic.ExitCode.Should().Be(2, withPublic.ToString());
        withPublic.Stderr.Should().Contain("this is a public key");

        var trustPrivate = w.Ntm("trust", "add", "k.key", "--name", "x");
        trustPrivate.ExitCode.Should().Be(2, trustPrivate.ToString());
        trustPrivate.Stderr.Should().Contain("this is a private key");
        File.Exists(w.Trust).Should().BeFalse();

        w.Ntm("plugin", "keygen", "--out", "k").ExitCode.Should().Be(2, "key files are never overwritten");
    }

    [Fact]
    public void A_copied_plugin_folder_outside_the_bundled_one_is_refused_as_unsigned_with_the_reason()
    {
        var dir = Cli.TempPluginsFolder();
        var plugin = Cli.CopyPlugin(Qd318, dir);
        var r = Cli.Run("plugins", "--plugins", dir);
        r.ExitCode.Should().Be(3, r.ToString());
        Regex.Replace(r.Stdout, @"\s+", " ").Should().Contain("was refused").And.Contain("error: unsigned: a plugin folder not installed from a signed package and not bundled with ntm");
        var bundled = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--format", "json");
        JObject.Parse(bundled.Stdout)["plugin"]!["signature"]!["status"]!.ToString().Should().Be("bundled");
        plugin.Should().NotBeNull();
    }

    [Fact]
    public void Trust_remove_makes_installed_plugins_of_that_key_refused_at_the_next_load()
    {
        var w = new Workspace();
        var (_, provinceKey) = w.InstallSignedLangSon();
        w.Ok("trust", "remove", provinceKey).Stdout.Should().Contain($"removed key {provinceKey}");
        var r = w.Ntm(EvaluateArgs(w.Plugins));
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stderr.Should().Contain($"untrusted: signed by key {provinceKey}, which is not in the trust store");
        w.Ntm("trust", "remove", provinceKey).ExitCode.Should().Be(2);
    }
}
