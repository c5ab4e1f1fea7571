using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Kernel.Domain;
using NtmRules.Packaging;
using NtmRules.Cli.Localization;

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
        var package = new Argument<string>("PKG") { Description = PluginMessages.InstallPackageDescription };
        var replace = new Option<bool>("--replace") { Description = PluginMessages.InstallReplaceDescription };
        var command = new Command("install", PluginMessages.InstallDescription) { package, replace };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var root = PluginFolder.Resolve(parse.GetValue(pluginsOption));
            var result = PackageInstaller.Install(parse.GetValue(package)!, root, SigningOptions.PackageOptions(parse), parse.GetValue(replace));
            var manifest = result.Package.Manifest;
            var signature = result.Package.Signature;
            var replaced = result.Replaced.Count == 0 ? "" : MessageText.Format(PluginMessages.InstallReplacing, string.Join(", ", result.Replaced.Select(Path.GetFileName)));
            Console.WriteLine(MessageText.Format(PluginMessages.Installed, manifest.PluginId, manifest.Version, result.Folder, replaced));
            Console.WriteLine(signature.Status == PluginSignatureStatus.Signed
                ? MessageText.Format(PluginMessages.InstallSignedBy, signature.KeyName, signature.KeyId)
                : MessageText.Format(PluginMessages.InstallNotVerified, signature.Reason));
            if (manifest.Files.Any(f => f.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                Console.WriteLine(PluginMessages.InstallHoldsAssemblies);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
