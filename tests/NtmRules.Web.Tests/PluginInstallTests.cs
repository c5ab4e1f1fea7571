using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using NtmRules.Packaging;
using Xunit;

namespace NtmRules.Web.Tests;

/// <summary>
/// Installing a plugin through the web: off unless the operator allows it, and then only for a
/// package signed by a key in the server's trust store; the new sets are offered at once.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PluginInstallTests(WebServer server)
{
    private const string LangSonSet = "vn.lang-son.2022-2025.xa-ntm";

    [Fact]
    public async Task Web_installs_are_refused_unless_the_operator_allows_them()
    {
        using var response = await server.Client.PostAsync("/api/plugins", WebServer.Form("lang-son.ntmplugin", [1, 2, 3]));
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("--allow-plugin-install");
        using var page = await server.Client.PostAsync("/plugins", WebServer.Form("lang-son.ntmplugin", [1, 2, 3]));
        page.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await server.Client.GetStringAsync("/")).Should().NotContain("Cài plugin", "the install form shows only when installs are allowed");
    }

    [Fact]
    public async Task With_installs_allowed_a_signed_package_installs_and_its_sets_are_offered_while_unsigned_untrusted_and_tampered_ones_are_refused()
    {
        var root = Built.TempFolder("ntm-web-install");
        var plugins = Path.Combine(root, "plugins");
        Directory.CreateDirectory(plugins);
        Built.CopyFolder(Path.Combine(Built.Plugins, "NtmRules.Plugins.Qd318"), Path.Combine(plugins, "NtmRules.Plugins.Qd318"));
        // The bundled Lạng Sơn plugin, data only: its manifest, sets and tests.
        var source = Path.Combine(root, "src", "lang-son");
        Built.CopyFolder(Path.Combine(Built.Plugins, "NtmRules.Plugins.LangSon"), source);

        using var trusted = SigningKey.Generate();
        using var stranger = SigningKey.Generate();
        var trust = Path.Combine(root, "trust.json");
        TrustStore.Open(trust).Add(trusted.PublicKey, "Sở NN&PTNT Lạng Sơn", DateTimeOffset.UnixEpoch);
        var signed = Path.Combine(root, "signed.ntmplugin");
        PackageWriter.Pack(source, trusted, signed);
        var untrusted = Path.Combine(root, "untrusted.ntmplugin");
        PackageWriter.Pack(source, stranger, untrusted);
        var unsigned = Path.Combine(root, "unsigned.ntmplugin");
        Rezip(signed, unsigned, name => name != "package.sig", (_, data) => data);
        var tampered = Path.Combine(root, "tampered.ntmplugin");
        Rezip(signed, tampered, _ => true, (name, data) => name == "sets/xa-ntm.json" ? [.. data, (byte)' '] : data);

        var app = Built.AppAllowingInstalls(root, plugins, trust);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(NtmWebApp.Addresses(app).Single()) };
            async Task<(HttpStatusCode Status, string Body)> Install(string path, string? name = null)
            {
                using var r = await client.PostAsync("/api/plugins", WebServer.Form(name ?? Path.GetFileName(path), await File.ReadAllBytesAsync(path)));
                return (r.StatusCode, await r.Content.ReadAsStringAsync());
            }
            async Task<string[]> Sets() => JsonNode.Parse(await client.GetStringAsync("/api/sets"))!["sets"]!.AsArray().Select(s => (string)s!["id"]!).ToArray();

            (await Sets()).Should().NotContain(LangSonSet);

            var (status, body) = await Install(unsigned);
            status.Should().Be(HttpStatusCode.UnprocessableEntity, body);
            body.Should().Contain("unsigned");
            (status, body) = await Install(untrusted);
            status.Should().Be(HttpStatusCode.UnprocessableEntity, body);
            body.Should().Contain("không tin cậy", "a request without Accept-Language is answered in Vietnamese").And.Contain(stranger.PublicKey.KeyId);
            (status, body) = await Install(tampered);
            status.Should().Be(HttpStatusCode.UnprocessableEntity, body);
            body.Should().Contain("sets/xa-ntm.json");
            (await client.GetStringAsync("/")).Should().Contain("Cài plugin").And.Contain("action=\"/plugins\"");
            using (var page = await client.PostAsync("/plugins", WebServer.Form("untrusted.ntmplugin", await File.ReadAllBytesAsync(untrusted))))
            {
                page.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
                (await page.Content.ReadAsStringAsync()).Should().Contain("không tin cậy").And.Contain("Cài plugin");
            }
            (status, body) = await Install(signed, "lang-son.zip");
            status.Should().Be(HttpStatusCode.UnsupportedMediaType, body);
            Directory.GetDirectories(plugins).Select(Path.GetFileName).Should().Equal(["NtmRules.Plugins.Qd318"], "nothing refused is left behind");

            (status, body) = await Install(signed);
            status.Should().Be(HttpStatusCode.Created, body);
            var installed = JsonNode.Parse(body)!;
            ((string)installed["plugin"]!).Should().Be("vn.lang-son.2022-2025");
            ((bool)installed["loaded"]!).Should().BeTrue(body);
            installed["sets"]!.AsArray().Select(s => (string)s!).Should().Contain(LangSonSet);
            ((string)installed["signature"]!["keyName"]!).Should().Be("Sở NN&PTNT Lạng Sơn");
            (await Sets()).Should().Contain(LangSonSet, "the plugins are reloaded after an install");

            var sets = JsonNode.Parse(await client.GetStringAsync("/api/sets"))!["sets"]!.AsArray();
            ((string)sets.Single(s => (string)s!["id"]! == LangSonSet)!["pluginSignature"]!["status"]!).Should().Be("signed");

            using var evaluation = await client.PostAsync("/api/evaluations",
                WebServer.Form("tan-lap-2024.json", await File.ReadAllBytesAsync(Built.Sample("tan-lap-2024.json")), ("set", LangSonSet)));
            evaluation.StatusCode.Should().Be(HttpStatusCode.Created, await evaluation.Content.ReadAsStringAsync());

            (status, body) = await Install(signed);
            status.Should().Be(HttpStatusCode.UnprocessableEntity, "the web never replaces an installed plugin: " + body);
            Directory.GetFiles(Path.Combine(root, "data", "uploads"), "*.ntmplugin").Should().BeEmpty("uploaded packages are deleted once handled");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static void Rezip(string source, string target, Func<string, bool> keep, Func<string, byte[], byte[]> change)
    {
        using var input = ZipFile.OpenRead(source);
        using var output = ZipFile.Open(target, ZipArchiveMode.Create);
        foreach (var e in input.Entries.Where(e => keep(e.FullName)))
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            using var w = output.CreateEntry(e.FullName).Open();
            w.Write(change(e.FullName, m.ToArray()));
        }
    }
}
