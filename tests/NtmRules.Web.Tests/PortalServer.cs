using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using NtmRules.Packaging;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;
using NtmRules.Web.Portal;

namespace NtmRules.Web.Tests;

/// <summary>
/// The province portal started in-process on loopback over the built plugins, with a SQLite accounts
/// database holding one account of each role (and a second commune), and plugin installs allowed
/// (so the province's install route answers rather than refusing for the operator's reason).
/// </summary>
public partial class PortalServer : IAsyncLifetime
{
    public const string Password = "MatKhau2026x";
    public const string CamThanh = "Cẩm Thành|Thanh Hóa";

    /// <summary>The accounts every portal test has, by the name the matrix uses.</summary>
    public static IReadOnlyList<NewAccount> Accounts { get; } =
    [
        new("xa.camthanh", PortalRole.Xa, CamThanh, "Thanh Hóa"),
        new("xa.tanlap", PortalRole.Xa, "Tân Lập|Lạng Sơn", "Lạng Sơn"),
        new("tinh.thanhhoa", PortalRole.Tinh, null, "Thanh Hóa"),
        new("kiemtoan", PortalRole.KiemToan, null, null),
        new("quantri", PortalRole.QuanTri, null, null),
    ];

    private WebApplication? _app;

    public string Root { get; } = Built.TempFolder("ntm-portal");

    public Uri BaseAddress { get; private set; } = null!;

    public WebApplication App => _app!;

    public Workspace Workspace => NtmWebApp.WorkspaceOf(App);

    public string AccessLogPath => Path.Combine(Root, "data", "access.log");

    /// <summary>Builds a portal app (not started) under <paramref name="root"/>, hashing passwords with <see cref="TestHashRounds"/> rounds.</summary>
    public static WebApplication Build(string root, string urls = "http://127.0.0.1:0", int signInsPerMinute = 1000,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null, string? database = null)
    {
        var trust = Path.Combine(root, "trust.json");
        var app = NtmWebApp.Build(new WebOptions
        {
            Urls = urls,
            PluginsFolder = Built.Plugins,
            Verifier = new InstalledPluginVerifier(() => TrustStore.Open(trust), Built.Plugins, allowUnsigned: false),
            TemplatesFolder = Built.Templates,
            DataFolder = Path.Combine(root, "data"),
            StorePath = database ?? Path.Combine(root, "records.db"),
            MaxUploadBytes = WebServer.MaxUploadBytes,
            Quiet = true,
            AllowPluginInstall = true,
            TrustStorePath = trust,
            Portal = new PortalOptions
            {
                AccountsConnection = database ?? Path.Combine(root, "accounts.db"),
                SignInsPerMinute = signInsPerMinute,
                Certificate = certificate,
            },
        });
        // Identity's PBKDF2 runs 100 000 rounds per password hashed or checked, a noticeable share of a loaded 2-core CI machine
        // for every account these tests create and every sign-in. The tests check who may do what, not the
        // hash's cost, so their portals hash with few rounds (each hash records its own count); ntm serve keeps Identity's default.
        app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount = TestHashRounds;
        return app;
    }

    /// <summary>PBKDF2 rounds of the test portals' password hashes (Identity's default is 100 000).</summary>
    public const int TestHashRounds = 1000;

    /// <summary>Creates the accounts through the same directory the CLI and the administrator's page use.</summary>
    public static async Task AddAccountsAsync(WebApplication app, IEnumerable<NewAccount> accounts)
    {
        using var scope = app.Services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
        foreach (var a in accounts) await directory.AddAsync(a, Password);
    }

    /// <summary>The PostgreSQL database holding both the record store and the accounts; null for SQLite files under <see cref="Root"/>.</summary>
    protected virtual string? Database() => null;

    public async Task InitializeAsync()
    {
        _app = Build(Root, database: Database());
        await AddAccountsAsync(_app, Accounts);
        await _app.StartAsync();
        BaseAddress = new Uri(NtmWebApp.Addresses(_app).Single());
    }

    /// <summary>A sample evaluated and saved by the server itself (outside any request, so no account is checked).</summary>
    public async Task<(string Evaluation, long Record)> EvaluateAndSaveAsync(string sample, string set = "vn.qd318.xa-ntm")
    {
        var w = Workspace;
        var path = w.NewUploadPath(Path.GetExtension(sample));
        File.Copy(Built.Sample(sample), path);
        var e = await w.EvaluateAsync(set, new UploadedFile(path, sample), CancellationToken.None);
        var saved = await w.SaveAsync(e, CancellationToken.None);
        return (e.Id, saved.Id);
    }

    /// <summary>A client with its own cookies, not following redirects.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client signed in as <paramref name="userName"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = NewClient();
        using var answer = await SignInAsync(client, userName, Password);
        if (answer.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{userName} could not sign in: {answer.StatusCode}");
        return client;
    }

    /// <summary>Posts the sign-in form as a browser does (token from the page).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        await client.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(client),
            ["userName"] = userName,
            ["password"] = password,
        }));

    /// <summary>The antiforgery token of the client's session, from the sign-in page's form.</summary>
    public static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/dang-nhap");
        return TokenField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on the sign-in page");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// The portal with its record store and accounts in PostgreSQL: a database of its own on the server
/// named by <c>NTM_TEST_POSTGRES</c> (.ci/run starts one and sets it), dropped when the test process
/// ends. Without the variable the test fails and says so, as the record store's PostgreSQL tests do.
/// </summary>
public sealed class PostgresPortalServer : PortalServer
{
    protected override string? Database()
    {
        var admin = Environment.GetEnvironmentVariable("NTM_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
            throw new InvalidOperationException("NTM_TEST_POSTGRES is not set, so the portal cannot be tested on PostgreSQL; .ci/run starts a server and sets it (see docs/record-store.md).");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Pooling = false };
        var name = $"ntm_portal_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..8]}";
        Execute(builder.ConnectionString, $"CREATE DATABASE {name};");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute(builder.ConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
        return new Npgsql.NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = name }.ConnectionString;
    }

    private static void Execute(string connection, string sql)
    {
        using var c = new Npgsql.NpgsqlConnection(connection);
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal server";
}
