using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Web;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm serve [--urls URL] [--data DIR] [--max-upload-mb N] [--store PATH]</c>: the web application
/// and JSON API over the same kernel, on loopback unless the operator names another address.
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
        var command = new Command("serve", "Chạy ứng dụng web (trang tiếng Việt và API JSON) trên cùng nhân đánh giá") { urls, data, maxUpload, store, allowInstall };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var mb = parse.GetValue(maxUpload);
            if (mb is < 1 or > 1024)
                throw new InputException(new Problem(Severity.Error, $"{mb} MB is not a usable upload limit: give 1 to 1024", Field: "--max-upload-mb"));
            var address = parse.GetValue(urls)!;
            foreach (var u in address.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme != "http")
                    throw new InputException(new Problem(Severity.Error, $"\"{u}\" is not an http:// address (e.g. {WebOptions.DefaultUrls})", Field: "--urls"));
                if (!uri.IsLoopback && !(IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))
                    Console.Error.WriteLine($"warning: listening on {u}, reachable from other machines; the server has no login, so anyone who reaches it can evaluate and save records");
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
            await app.WaitForShutdownAsync(cancel);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
