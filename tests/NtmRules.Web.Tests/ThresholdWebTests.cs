using System.IO.Compression;
using System.Net;
using FluentAssertions;
using NtmRules.Packaging;
using Xunit;

namespace NtmRules.Web.Tests;

/// <summary>The set page's threshold round trip: only with --allow-plugin-install, and it hands back the new plugin, never installs it.</summary>
[Collection(WebCollection.Name)]
public sealed class ThresholdWebTests(WebServer server)
{
    private const string Set = "vn.qd318.xa-ntm";

    [Fact]
    public async Task Export_and_apply_are_refused_unless_the_operator_allows_plugin_installs()
    {
        using var export = await server.Client.GetAsync($"/sets/{Set}/thresholds.xlsx");
        export.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var apply = await server.Client.PostAsync($"/sets/{Set}/thresholds", WebServer.Form("bang.xlsx", [1, 2, 3]));
        apply.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await server.Client.GetStringAsync($"/sets/{Set}")).Should().NotContain("thresholds-export");
    }

    [Fact]
    public async Task With_installs_allowed_the_set_page_exports_the_workbook_and_applying_it_returns_a_loadable_plugin()
    {
        var root = Built.TempFolder("ntm-web-thresholds");
        var plugins = Path.Combine(root, "plugins");
        Built.CopyFolder(Path.Combine(Built.Plugins, "NtmRules.Plugins.Qd318"), Path.Combine(plugins, "NtmRules.Plugins.Qd318"));
        var trust = Path.Combine(root, "trust.json");
        using (var key = SigningKey.Generate()) TrustStore.Open(trust).Add(key.PublicKey, "Sở thử", DateTimeOffset.UnixEpoch);
        var app = Built.AppAllowingInstalls(root, plugins, trust);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(NtmWebApp.Addresses(app).Single()) };
            (await client.GetStringAsync($"/sets/{Set}")).Should().Contain("thresholds-export").And.Contain("giả định");
            var workbook = await client.GetByteArrayAsync($"/sets/{Set}/thresholds.xlsx");
            workbook.Should().NotBeEmpty();

            using var applied = await client.PostAsync($"/sets/{Set}/thresholds", WebServer.Form("nguong.xlsx", workbook));
            var page = await applied.Content.ReadAsStringAsync();
            applied.StatusCode.Should().Be(HttpStatusCode.Created, page);
            page.Should().Contain("vn.qd318.xac-nhan").And.Contain("0 ngưỡng chuyển sang");
            var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/thresholds/[0-9a-f]{32}/plugin.zip)\"").Groups[1].Value;
            var zip = await client.GetByteArrayAsync(link);
            using var archive = new ZipArchive(new MemoryStream(zip));
            archive.Entries.Select(e => e.FullName).Should().Contain(["plugin.json", "sets/xa-ntm.json"]);
            (await client.GetAsync("/thresholds/..%2F..%2Fetc/plugin.zip")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await client.GetStringAsync("/api/sets")).Should().NotContain("vn.qd318.xac-nhan", "the plugin is handed back, never installed unsigned");

            using var bad = await client.PostAsync($"/sets/{Set}/thresholds", WebServer.Form("nguong.xlsx", [1, 2, 3]));
            bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
