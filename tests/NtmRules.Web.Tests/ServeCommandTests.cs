using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NtmRules.Web.Tests;

/// <summary>`ntm serve` itself: the built CLI started as a user starts it.</summary>
public sealed class ServeCommandTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Ntm_serve_listens_on_the_given_loopback_address_with_the_plugins_next_to_the_cli()
    {
        var port = FreePort();
        var data = Built.TempFolder("ntm-serve-data");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = Built.RepoRoot,
        };
        foreach (var a in new[] { Path.Combine(Built.CliDirectory, "ntm.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data, "--store", Path.Combine(data, "r.db"), "--max-upload-mb", "2" })
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("NTM_PLUGINS");
        using var process = Process.Start(psi)!;
        var output = new StringBuilder();
        // ntm prints where it serves, then its folders and upload limit, once Kestrel listens: the test waits for that
        // second line (or the end of the output), not on a poll.
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output) output.AppendLine(e.Data);
            if (e.Data is null || e.Data.Contains("tệp tối đa", StringComparison.Ordinal)) serving.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await Task.WhenAny(serving.Task, Task.Delay(TimeSpan.FromSeconds(90))); // a bound on a loaded machine, not a timing check
            lock (output) output.ToString().Should().Contain($"đang phục vụ tại http://127.0.0.1:{port}").And.Contain("tệp tối đa 2 MB", $"ntm serve prints where it serves once it listens; it printed:\n{output}");
            var sets = await client.GetStringAsync("/api/sets");
            sets.Should().Contain("\"vn.qd318.xa-ntm\"");
            System.Text.Json.Nodes.JsonNode.Parse(sets!)!["sets"]!.AsArray().Select(s => (string)s!["pluginSignature"]!["status"]!).Should().OnlyContain(x => x == "bundled",
                "ntm serve loads plugins under the CLI's signature policy");
            using var big = await client.PostAsync("/api/evaluations", WebServer.Form("x.json", new byte[2 * 1024 * 1024 + 1], ("set", "vn.qd318.xa-ntm")));
            big.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }
}

/// <summary>
/// What `ntm serve` refuses, each in a runtime of its own: a class apart from <see cref="ServeCommandTests"/> so
/// that its runs overlap the serving one's (xunit runs classes side by side, a class's tests one after another).
/// </summary>
public sealed class ServeCommandRefusalTests
{
    [Fact]
    public async Task Ntm_serve_refuses_an_address_that_is_not_http_and_an_unusable_upload_limit()
    {
        var httpsRun = Built.NtmAsync(Built.RepoRoot, "serve", "--urls", "https://127.0.0.1:5999");
        var limitRun = Built.NtmAsync(Built.RepoRoot, "serve", "--max-upload-mb", "0");
        var (https, limit) = (await httpsRun, await limitRun);
        https.Exit.Should().Be(2);
        https.Stderr.Should().Contain("is not an http:// address");
        limit.Exit.Should().Be(2);
        limit.Stderr.Should().Contain("not a usable upload limit");
    }

    [Fact]
    public async Task Ntm_serve_on_a_port_in_use_says_so_and_exits_2()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var data = Built.TempFolder("ntm-serve-busy");
        try
        {
            var r = await Built.NtmAsync(Built.RepoRoot, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data);
            r.Exit.Should().Be(2, r.Stdout + r.Stderr);
            r.Stderr.Should().Contain($"error: --urls: cannot listen on http://127.0.0.1:{port}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
