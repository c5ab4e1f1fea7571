using NtmRules.Packaging;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NtmRules.Web;

namespace NtmRules.Web.Tests;

/// <summary>Where the built CLI, its plugin folders and templates are, and how to run it.</summary>
internal static class Built
{
    public static string CliDirectory { get; } = typeof(Built).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NtmCliDirectory").Value!;

    public static string Plugins => Path.Combine(CliDirectory, "plugins");

    public static string Templates => Path.Combine(CliDirectory, "templates");

    public static string RepoRoot { get; } = Path.GetFullPath(Path.Combine(CliDirectory, "../../../../.."));

    public static string Sample(string name) => Path.Combine(RepoRoot, "samples", name);

    public static string TempFolder(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Copies a folder with everything under it (a built plugin into a test's plugins folder).</summary>
    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    /// <summary>
    /// An application (not started) serving <paramref name="plugins"/> under <c>--allow-plugin-install</c>,
    /// trusting the keys of <paramref name="trust"/>, with its data and store under <paramref name="root"/>.
    /// </summary>
    public static WebApplication AppAllowingInstalls(string root, string plugins, string trust) => NtmWebApp.Build(new WebOptions
    {
        Urls = "http://127.0.0.1:0",
        PluginsFolder = plugins,
        Verifier = new InstalledPluginVerifier(() => TrustStore.Open(trust), plugins, allowUnsigned: false),
        TemplatesFolder = Templates,
        DataFolder = Path.Combine(root, "data"),
        StorePath = Path.Combine(root, "records.db"),
        MaxUploadBytes = WebServer.MaxUploadBytes,
        Quiet = true,
        AllowPluginInstall = true,
        TrustStorePath = trust,
    });

    /// <summary>
    /// Runs ntm.dll to the end; returns exit code, stdout, stderr. Awaited rather than blocked on, so that the
    /// test runner's few threads run other tests while a runtime starts (a test may start it before its own requests).
    /// </summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> NtmAsync(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(CliDirectory, "ntm.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("NTM_PLUGINS");
        psi.Environment["NTM_LANG"] = "en"; // as the API client's Accept-Language: the CLI's answers are compared with the API's
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await p.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("ntm did not finish in 120 s: " + string.Join(' ', args));
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}

/// <summary>
/// The web application started once, in-process, on a free loopback port, over the built plugin
/// folders and templates, with its own data folder and record store; uploads limited to 1 MB.
/// </summary>
public sealed class WebServer : IAsyncLifetime
{
    public const long MaxUploadBytes = 1024 * 1024;

    private WebApplication? _app;

    public string DataFolder { get; } = Built.TempFolder("ntm-web-data");

    public string StorePath => Path.Combine(DataFolder, "records.db");

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public WebApplication App => _app!;

    public Workspace Workspace => NtmWebApp.WorkspaceOf(App);

    public async Task InitializeAsync()
    {
        _app = NtmWebApp.Build(new WebOptions
        {
            Urls = "http://127.0.0.1:0",
            PluginsFolder = Built.Plugins,
            // The CLI's policy: the plugins built next to ntm are bundled; an empty trust store.
            Verifier = new InstalledPluginVerifier(() => TrustStore.Open(Path.Combine(DataFolder, "trust.json")), Built.Plugins, allowUnsigned: false),
            TemplatesFolder = Built.Templates,
            DataFolder = DataFolder,
            StorePath = StorePath,
            MaxUploadBytes = MaxUploadBytes,
            Quiet = true,
        });
        // Kestrel's minimum request body rate (240 bytes/s) is enforced only after a grace period, 5 s by default,
        // which HostileWebTests' trickling body (case 19) has to wait out; 2 s keeps the same rule and a
        // margin for honest uploads on a loaded machine. The product keeps Kestrel's default.
        _app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate =
            new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(2));
        await _app.StartAsync();
        BaseAddress = new Uri(NtmWebApp.Addresses(_app).Single());
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { AcceptLanguage = { new("en") } } };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A multipart form with a file (name as the browser sends it) and fields.</summary>
    public static MultipartFormDataContent Form(string fileName, byte[] bytes, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (n, v) in fields) form.Add(new StringContent(v), n);
        form.Add(new ByteArrayContent(bytes), "file", fileName);
        return form;
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebServer>
{
    public const string Name = "web server";
}

/// <summary>
/// <see cref="BrowserTests"/> on a server of its own: its browser flows are the longest chain of this project, and
/// they share nothing with the API tests, so the two run side by side instead of one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<WebServer>
{
    public const string Name = "web server for the browser";
}

/// <summary><see cref="BrowserFormAndBatchTests"/> on a server of its own, beside <see cref="BrowserCollection"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserFormCollection : ICollectionFixture<WebServer>
{
    public const string Name = "web server for the browser's forms and batches";
}
