using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;

namespace NtmRules.Web.Tests;

/// <summary>The portal beyond loopback: HTTPS, cookies, antiforgery, lockout, rate limit, access log, accounts.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalSecurityTests(PortalServer server)
{
    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, "thu"), "thu");
    }

    [Fact]
    public void Plain_http_beyond_loopback_and_https_without_a_certificate_are_refused()
    {
        var root = Built.TempFolder("ntm-portal-http");
        var http = () => PortalServer.Build(root, "http://0.0.0.0:0");
        http.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Contain("https://");
        var noCertificate = () => PortalServer.Build(root, "https://127.0.0.1:0");
        noCertificate.Should().Throw<InputException>().Which.Problems.Single().Field.Should().Be("--certificate");
    }

    [Fact]
    public async Task Over_https_with_a_self_signed_certificate_cookies_are_secure_httponly_and_samesite_strict()
    {
        var root = Built.TempFolder("ntm-portal-https");
        using var certificate = SelfSigned();
        await using var app = PortalServer.Build(root, "https://127.0.0.1:0", certificate: certificate);
        await PortalServer.AddAccountsAsync(app, [new NewAccount("kiemtoan", PortalRole.KiemToan, null, null)]);
        await app.StartAsync();
        try
        {
            var address = NtmWebApp.Addresses(app).Single();
            address.Should().StartWith("https://");
            using var client = new HttpClient(new HttpClientHandler
            {
                AllowAutoRedirect = false,
                CookieContainer = new CookieContainer(),
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            }) { BaseAddress = new Uri(address) };
            using var page = await client.GetAsync("/dang-nhap");
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            page.Headers.GetValues("Strict-Transport-Security").Single().Should().Contain("max-age=");
            using var signIn = await PortalServer.SignInAsync(client, "kiemtoan", PortalServer.Password);
            signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ntm.phien=", StringComparison.Ordinal)).ToLowerInvariant();
            session.Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=strict");
            (await client.GetAsync("/kiem-chung")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var client = await server.SignedInAsync("quantri");
        using var bare = await client.PostAsync("/quan-tri/tai-khoan", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "ke.gian", ["role"] = "quan-tri", ["password"] = "KeGian123456" }));
        bare.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bare.Content.ReadAsStringAsync()).Should().Contain("mã chống giả mạo");
        using var other = server.NewClient();
        using var foreign = await client.PostAsync("/quan-tri/tai-khoan", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PortalServer.TokenAsync(other), ["userName"] = "ke.gian", ["role"] = "quan-tri", ["password"] = "KeGian123456",
        }));
        foreign.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a token of another session does not do");
        (await client.GetStringAsync("/quan-tri/tai-khoan")).Should().NotContain("ke.gian");
    }

    [Fact]
    public async Task The_administrator_adds_an_account_on_the_page_the_password_rules_apply_and_a_disabled_account_cannot_sign_in()
    {
        using var admin = await server.SignedInAsync("quantri");
        async Task<HttpResponseMessage> Post(string url, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = await PortalServer.TokenAsync(admin);
            return await admin.PostAsync(url, new FormUrlEncodedContent(fields));
        }
        using (var weak = await Post("/quan-tri/tai-khoan", new() { ["userName"] = "xa.sonbang", ["role"] = "xa", ["commune"] = "Sơn Bằng|Hà Tĩnh", ["password"] = "ngan" }))
        {
            weak.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await weak.Content.ReadAsStringAsync()).Should().Contain("Mật khẩu phải có ít nhất 10 ký tự");
        }
        using (var noCommune = await Post("/quan-tri/tai-khoan", new() { ["userName"] = "xa.sonbang", ["role"] = "xa", ["password"] = "SonBang2026x" }))
            (await noCommune.Content.ReadAsStringAsync()).Should().Contain("phải gắn với một xã");
        using (var added = await Post("/quan-tri/tai-khoan", new() { ["userName"] = "xa.sonbang", ["role"] = "xa", ["commune"] = "Sơn Bằng|Hà Tĩnh", ["password"] = "SonBang2026x" }))
        {
            added.StatusCode.Should().Be(HttpStatusCode.Created);
            (await added.Content.ReadAsStringAsync()).Should().Contain("Đã tạo tài khoản xa.sonbang");
        }
        using (var commune = server.NewClient())
            (await PortalServer.SignInAsync(commune, "xa.sonbang", "SonBang2026x")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        using (var disable = await Post("/quan-tri/tai-khoan/xa.sonbang/khoa", []))
            disable.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var after = server.NewClient();
        using var refused = await PortalServer.SignInAsync(after, "xa.sonbang", "SonBang2026x");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await File.ReadAllTextAsync(server.AccessLogPath)).Should().Contain("dang-nhap khong-duoc-phep tai-khoan=xa.sonbang");
    }

    [Fact]
    public async Task After_sign_in_only_a_path_on_this_server_is_followed_and_each_role_lands_on_its_page()
    {
        async Task<string?> Landing(string user, string? returnUrl)
        {
            using var client = server.NewClient();
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await PortalServer.TokenAsync(client), ["userName"] = user, ["password"] = PortalServer.Password,
            };
            if (returnUrl is not null) fields["returnUrl"] = returnUrl;
            using var answer = await client.PostAsync("/dang-nhap", new FormUrlEncodedContent(fields));
            answer.StatusCode.Should().Be(HttpStatusCode.Redirect);
            return answer.Headers.Location?.OriginalString;
        }
        (await Landing("xa.camthanh", null)).Should().Be("/ho-so");
        (await Landing("quantri", null)).Should().Be("/quan-tri/tai-khoan");
        (await Landing("kiemtoan", "/kiem-chung")).Should().Be("/kiem-chung");
        (await Landing("kiemtoan", "//ke-gian.example/dang-nhap")).Should().Be("/ho-so");
        (await Landing("kiemtoan", "https://ke-gian.example/")).Should().Be("/ho-so");
        using var anonymous = server.NewClient();
        using var sent = await anonymous.GetAsync("/kiem-chung?x=1");
        sent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        sent.Headers.Location!.OriginalString.Should().Be("/dang-nhap?ReturnUrl=%2Fkiem-chung%3Fx%3D1");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_log_holds_no_password()
    {
        await PortalServer.AddAccountsAsync(server.App, [new NewAccount("khoa.thu", PortalRole.KiemToan, null, null)]);
        using var client = server.NewClient();
        for (var i = 0; i < AccountsDatabase.MaxFailedSignIns; i++)
            (await PortalServer.SignInAsync(client, "khoa.thu", "SaiMatKhau99")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var locked = await PortalServer.SignInAsync(client, "khoa.thu", PortalServer.Password);
        locked.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await locked.Content.ReadAsStringAsync()).Should().Contain("tạm khoá");
        var log = await File.ReadAllTextAsync(server.AccessLogPath);
        log.Should().Contain("dang-nhap sai tai-khoan=khoa.thu").And.Contain("dang-nhap bi-khoa tai-khoan=khoa.thu");
        log.Should().NotContain("SaiMatKhau99").And.NotContain(PortalServer.Password);
    }

    [Fact]
    public async Task Sign_ins_beyond_the_rate_limit_get_429_and_are_logged()
    {
        var root = Built.TempFolder("ntm-portal-rate");
        await using var app = PortalServer.Build(root, signInsPerMinute: 3);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
                { BaseAddress = new Uri(NtmWebApp.Addresses(app).Single()) };
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++) answers.Add((await PortalServer.SignInAsync(client, "ai.do", "Doan123456x")).StatusCode);
            answers.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
            (await File.ReadAllTextAsync(Path.Combine(root, "data", "access.log"))).Should().Contain("tu-choi 429 POST /dang-nhap");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_commune_account_is_refused_other_communes_and_the_province_tools_and_the_refusals_are_logged()
    {
        var (evaluation, record) = await server.EvaluateAndSaveAsync("cam-thanh-2023.json");
        using var client = await server.SignedInAsync("xa.tanlap");
        (await client.GetAsync($"/evaluations/{evaluation}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/records/compare?a={record}&b={record}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/batches")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/quan-tri/tai-khoan")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var history = await client.GetStringAsync("/history?commune=" + Uri.EscapeDataString(PortalServer.CamThanh));
        history.Should().NotContain($"data-record=\"{record}\"", "a commune's history filter is forced to its own commune");
        using (var province = await server.SignedInAsync("tinh.thanhhoa"))
            (await province.GetStringAsync("/history?commune=" + Uri.EscapeDataString(PortalServer.CamThanh))).Should().Contain($"data-record=\"{record}\"");
        var log = await File.ReadAllTextAsync(server.AccessLogPath);
        log.Should().Contain("tu-choi 403 GET /batches tai-khoan=xa.tanlap");
    }
}
