using System.CommandLine;
using NtmRules.Kernel.Domain;
using NtmRules.Packaging;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin install PKG [--replace] [--allow-unsigned]</c>: verifies a package (signature against
/// the trust store, every file's hash, safe paths, size caps) and unpacks it atomically into the
/// plugins folder in effect, as a folder named after the plugin id.
/// </summary>
internal static class PluginInstallCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var package = new Argument<string>("PKG") { Description = "The .ntmplugin package" };
        var replace = new Option<bool>("--replace") { Description = "Replace an installed plugin with the same id" };
        var command = new Command("install", "Kiểm tra chữ ký và cài đặt một gói .ntmplugin vào thư mục plugin") { package, replace };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var root = PluginFolder.Resolve(parse.GetValue(pluginsOption));
            var result = PackageInstaller.Install(parse.GetValue(package)!, root, SigningOptions.PackageOptions(parse), parse.GetValue(replace));
            var manifest = result.Package.Manifest;
            var signature = result.Package.Signature;
            var replaced = result.Replaced.Count == 0 ? "" : $", replacing {string.Join(", ", result.Replaced.Select(Path.GetFileName))}";
            Console.WriteLine($"installed {manifest.PluginId} {manifest.Version} into {result.Folder}{replaced}");
            Console.WriteLine(signature.Status == PluginSignatureStatus.Signed
                ? $"signed by {signature.KeyName} (key {signature.KeyId})"
                : $"NOT verified: {signature.Reason}; it loads only with --allow-unsigned, and every result and trace will say so");
            if (manifest.Files.Any(f => f.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                Console.WriteLine("note: this plugin holds assemblies (.dll), which run as code with your rights when it loads; the signature says who published it, not that it is harmless");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
