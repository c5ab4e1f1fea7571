using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using NtmRules.Kernel.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NtmRules.Portal.Accounts;
using NtmRules.Web;
using NtmRules.Web.Portal;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm serve [--urls URL] [--data DIR] [--max-upload-mb N] [--store PATH]</c>: the web application
/// and JSON API over the same kernel, on loopback unless the operator names another address.
/// With <c>--portal</c> it is the province portal: accounts and roles (<c>ntm users</c>), submission
/// and review, HTTPS required beyond loopback (<c>--certificate</c>).
/// </summary>
internal static class ServeCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var urls = new Option<string>("--urls") { Description = $"Address(es) to listen on, ';'-separated (default {WebOptions.DefaultUrls}: this machine only)", DefaultValueFactory = _ => WebOptions.DefaultUrls };
        var data = new Option<string?>("--data") { Description = "Folder the server owns for uploads and batch outputs (default: ntm-serve under the system's temporary folder)" };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "Largest upload accepted, in MB (default 10)", DefaultValueFactory = _ => 10 };
        var store = StoreOption.Create();
        var allowInstall = new Option<bool>("--allow-plugin-install")
        {
            Description = "Let users install plugin packages through the web (POST /api/plugins); only packages signed by a key in the trust store, never unsigned",
        };
        var portal = new Option<bool>("--portal")
        {
            Description = "Run as the province portal: sign-in with accounts (ntm users), roles xa/tinh/kiem-toan/quan-tri, submission and review; https:// with --certificate beyond loopback",
        };
        var accounts = UsersCommand.AccountsOption();
        var certificate = new Option<string?>("--certificate") { Description = "Server certificate for https:// addresses: a .pfx (password in $NTM_CERTIFICATE_PASSWORD) or a PEM certificate with --certificate-key" };
        var certificateKey = new Option<string?>("--certificate-key") { Description = "PEM private key of a PEM --certificate" };
        var accessLog = new Option<string?>("--access-log") { Description = "Portal access log (sign-ins and refused requests; default access.log in --data)" };
        var oidcAuthority = new Option<string?>("--oidc-authority") { Description = "OpenID Connect issuer of the province (optional; with --oidc-client-id, secret in $NTM_OIDC_CLIENT_SECRET)" };
        var oidcClient = new Option<string?>("--oidc-client-id") { Description = "This portal's client id at the OpenID Connect issuer" };
        var command = new Command("serve", "Chạy ứng dụng web (trang tiếng Việt và API JSON) trên cùng nhân đánh giá")
        {
            urls, data, maxUpload, store, allowInstall, portal, accounts, certificate, certificateKey, accessLog, oidcAuthority, oidcClient,
        };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var mb = parse.GetValue(maxUpload);
            if (mb is < 1 or > 1024)
                throw new InputException(new Problem(Severity.Error, $"{mb} MB is not a usable upload limit: give 1 to 1024", Field: "--max-upload-mb"));
            var address = parse.GetValue(urls)!;
            var isPortal = parse.GetValue(portal);
            foreach (var u in address.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || !(uri.Scheme == "http" || (isPortal && uri.Scheme == "https")))
                    throw new InputException(new Problem(Severity.Error, $"\"{u}\" is not an http:// address (e.g. {WebOptions.DefaultUrls}; https:// with --portal)", Field: "--urls"));
                if (!isPortal && !uri.IsLoopback && !(IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))
                    Console.Error.WriteLine($"warning: listening on {u}, reachable from other machines; the server has no login, so anyone who reaches it can evaluate and save records (use --portal for accounts)");
            }
            var options = new WebOptions
            {
                Urls = address,
                PluginsFolder = PluginFolder.Resolve(parse.GetValue(pluginsOption)),
                Verifier = SigningOptions.Verifier(parse),
                TemplatesFolder = Path.Combine(AppContext.BaseDirectory, "templates"),
                DataFolder = Path.GetFullPath(parse.GetValue(data) ?? Path.Combine(Path.GetTempPath(), "ntm-serve")),
                StorePath = StoreOption.Resolve(parse.GetValue(store)),
                MaxUploadBytes = mb * 1024L * 1024L,
                AllowPluginInstall = parse.GetValue(allowInstall),
                TrustStorePath = SigningOptions.TrustPath(parse),
                Portal = isPortal
                    ? new PortalOptions
                    {
                        AccountsConnection = AccountsDatabase.Resolve(parse.GetValue(accounts)),
                        Certificate = LoadCertificate(parse.GetValue(certificate), parse.GetValue(certificateKey)),
                        AccessLogPath = parse.GetValue(accessLog) is { } log ? Path.GetFullPath(log) : null,
                        OpenId = parse.GetValue(oidcAuthority) is { } authority
                            ? new OpenIdOptions(authority, parse.GetValue(oidcClient) ?? throw new InputException(new Problem(Severity.Error, "--oidc-authority needs --oidc-client-id", Field: "--oidc-client-id")),
                                Environment.GetEnvironmentVariable("NTM_OIDC_CLIENT_SECRET"))
                            : null,
                    }
                    : null,
            };
            var app = NtmWebApp.Build(options);
            var host = NtmWebApp.WorkspaceOf(app).Host;
            foreach (var r in host.Reports.Where(r => !r.Loaded))
                Console.Error.WriteLine($"warning: plugin {Path.GetFileName(r.Folder)} refused (see the home page or 'ntm plugins')");
            try
            {
                await app.StartAsync(cancel);
            }
            catch (IOException e)
            {
                throw new InputException(new Problem(Severity.Error, $"cannot listen on {address}: {e.Message}", Field: "--urls"));
            }
            Console.WriteLine($"ntm serve: {host.Sets.Count.ToString(CultureInfo.InvariantCulture)} bộ tiêu chí; đang phục vụ tại {string.Join(", ", NtmWebApp.Addresses(app))} (Ctrl+C để dừng)");
            Console.WriteLine($"  dữ liệu tải lên: {options.DataFolder}; sổ bản ghi: {NtmRules.Records.StoreLocation.Display(options.StorePath)}; tệp tối đa {mb.ToString(CultureInfo.InvariantCulture)} MB");
            if (options.Portal is { } p)
                Console.WriteLine($"  cổng thông tin tỉnh: đăng nhập bằng tài khoản (ntm users); cơ sở dữ liệu tài khoản: {(AccountsDatabase.IsPostgreSql(p.AccountsConnection) ? "PostgreSQL" : p.AccountsConnection)}");
            await app.WaitForShutdownAsync(cancel);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The certificate of --certificate: a PKCS#12 file (password from the environment) or PEM with its key.</summary>
    private static X509Certificate2? LoadCertificate(string? path, string? key)
    {
        if (path is null) return null;
        try
        {
            return key is not null
                ? X509Certificate2.CreateFromPemFile(Path.GetFullPath(path), Path.GetFullPath(key))
                : X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path), Environment.GetEnvironmentVariable("NTM_CERTIFICATE_PASSWORD"));
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InputException(new Problem(Severity.Error, $"cannot read the certificate: {e.Message}", path, Field: "--certificate"));
        }
    }
}
