using NtmRules.Kernel.Localization;
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
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm serve [--urls URL] [--data DIR] [--max-upload-mb N] [--store PATH]</c>: the web application
/// and JSON API over the same kernel, on loopback unless the operator names another address.
/// With <c>--portal</c> it is the province portal: accounts and roles (<c>ntm users</c>), submission
/// and review, HTTPS required beyond loopback (<c>--certificate</c>).
/// </summary>
internal static class ServeCommand
{
    /// <summary>The command's options, declared once.</summary>
    private sealed class Options
    {
        public Option<string> Urls { get; } = new("--urls") { Description = MessageText.Format(ServeMessages.UrlsDescription, WebOptions.DefaultUrls), DefaultValueFactory = _ => WebOptions.DefaultUrls };
        public Option<string?> Data { get; } = new("--data") { Description = ServeMessages.ServeDataDescription };
        public Option<int> MaxUpload { get; } = new("--max-upload-mb") { Description = ServeMessages.MaxUploadDescription, DefaultValueFactory = _ => 10 };
        public Option<string?> Store { get; } = StoreOption.Create();
        public Option<bool> AllowInstall { get; } = new("--allow-plugin-install") { Description = ServeMessages.AllowInstallDescription };
        public Option<bool> Portal { get; } = new("--portal") { Description = ServeMessages.PortalDescription };
        public Option<string?> Accounts { get; } = UsersCommand.AccountsOption();
        public Option<string?> Certificate { get; } = new("--certificate") { Description = ServeMessages.CertificateDescription };
        public Option<string?> CertificateKey { get; } = new("--certificate-key") { Description = ServeMessages.CertificateKeyDescription };
        public Option<string?> AccessLog { get; } = new("--access-log") { Description = ServeMessages.AccessLogDescription };
        public Option<string?> OidcAuthority { get; } = new("--oidc-authority") { Description = ServeMessages.OidcAuthorityDescription };
        public Option<string?> OidcClient { get; } = new("--oidc-client-id") { Description = ServeMessages.OidcClientDescription };

        public IEnumerable<Option> All =>
            [Urls, Data, MaxUpload, Store, AllowInstall, Portal, Accounts, Certificate, CertificateKey, AccessLog, OidcAuthority, OidcClient];
    }

    public static Command Create(Option<string?> pluginsOption)
    {
        var o = new Options();
        var command = new Command("serve", ServeMessages.ServeDescription);
        foreach (var option in o.All) command.Options.Add(option);
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var options = WebOptionsOf(parse, o, pluginsOption);
            var app = NtmWebApp.Build(options);
            var host = NtmWebApp.WorkspaceOf(app).Host;
            foreach (var r in host.Reports.Where(r => !r.Loaded))
                Console.Error.WriteLine(MessageText.Format(ServeMessages.ServePluginRefused, Path.GetFileName(r.Folder)));
            try
            {
                await app.StartAsync(cancel);
            }
            catch (IOException e)
            {
                throw new InputException(new Problem(Severity.Error, MessageText.Format(ServeMessages.CannotListen, options.Urls, e.Message), Field: "--urls"));
            }
            WriteServing(app, options, host.Sets.Count);
            await app.WaitForShutdownAsync(cancel);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The web application's options from the command line, the upload limit and addresses checked.</summary>
    private static WebOptions WebOptionsOf(ParseResult parse, Options o, Option<string?> pluginsOption)
    {
        var mb = parse.GetValue(o.MaxUpload);
        if (mb is < 1 or > 1024)
            throw new InputException(new Problem(Severity.Error, MessageText.Format(ServeMessages.BadUploadLimit, mb), Field: "--max-upload-mb"));
        var address = parse.GetValue(o.Urls)!;
        var isPortal = parse.GetValue(o.Portal);
        CheckAddresses(address, isPortal);
        return new WebOptions
        {
            Urls = address,
            PluginsFolder = PluginFolder.Resolve(parse.GetValue(pluginsOption)),
            Verifier = SigningOptions.Verifier(parse),
            TemplatesFolder = Path.Combine(AppContext.BaseDirectory, "templates"),
            DataFolder = Path.GetFullPath(parse.GetValue(o.Data) ?? Path.Combine(Path.GetTempPath(), "ntm-serve")),
            StorePath = StoreOption.Resolve(parse.GetValue(o.Store)),
            MaxUploadBytes = mb * 1024L * 1024L,
            AllowPluginInstall = parse.GetValue(o.AllowInstall),
            TrustStorePath = SigningOptions.TrustPath(parse),
            Portal = isPortal ? PortalOptionsOf(parse, o) : null,
        };
    }

    /// <summary>Every address must be http:// (or https:// for the portal); an open server beyond loopback is warned about.</summary>
    private static void CheckAddresses(string address, bool isPortal)
    {
        foreach (var u in address.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || !(uri.Scheme == "http" || (isPortal && uri.Scheme == "https")))
                throw new InputException(new Problem(Severity.Error, MessageText.Format(ServeMessages.NotAnHttpAddress, u, WebOptions.DefaultUrls), Field: "--urls"));
            if (!isPortal && !uri.IsLoopback && !(IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))
                Console.Error.WriteLine(MessageText.Format(ServeMessages.ListeningBeyondLoopback, u));
        }
    }

    /// <summary>The portal's accounts, certificate, access log and optional OpenID Connect issuer.</summary>
    private static PortalOptions PortalOptionsOf(ParseResult parse, Options o) => new()
    {
        AccountsConnection = AccountsDatabase.Resolve(parse.GetValue(o.Accounts)),
        Certificate = LoadCertificate(parse.GetValue(o.Certificate), parse.GetValue(o.CertificateKey)),
        AccessLogPath = parse.GetValue(o.AccessLog) is { } log ? Path.GetFullPath(log) : null,
        OpenId = parse.GetValue(o.OidcAuthority) is { } authority
            ? new OpenIdOptions(authority, parse.GetValue(o.OidcClient) ?? throw new InputException(new Problem(Severity.Error, ServeMessages.OidcNeedsClient, Field: "--oidc-client-id")),
                Environment.GetEnvironmentVariable("NTM_OIDC_CLIENT_SECRET"))
            : null,
    };

    /// <summary>Where the server listens and keeps its files, on standard output.</summary>
    private static void WriteServing(Microsoft.AspNetCore.Builder.WebApplication app, WebOptions options, int sets)
    {
        Console.WriteLine(MessageText.Format(ServeMessages.Serving, sets.ToString(CultureInfo.InvariantCulture), string.Join(", ", NtmWebApp.Addresses(app))));
        Console.WriteLine(MessageText.Format(ServeMessages.ServingFolders, options.DataFolder, NtmRules.Records.StoreLocation.Display(options.StorePath),
            (options.MaxUploadBytes / (1024L * 1024L)).ToString(CultureInfo.InvariantCulture)));
        if (options.Portal is { } p)
            Console.WriteLine(MessageText.Format(ServeMessages.ServingPortal, AccountsDatabase.IsPostgreSql(p.AccountsConnection) ? "PostgreSQL" : p.AccountsConnection));
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
            throw new InputException(new Problem(Severity.Error, MessageText.Format(ServeMessages.CannotReadCertificate, e.Message), path, Field: "--certificate"));
        }
    }
}
