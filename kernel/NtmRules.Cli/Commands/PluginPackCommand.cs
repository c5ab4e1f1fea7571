using NtmRules.Kernel.Localization;
using System.CommandLine;
using System.Security.Cryptography;
using NtmRules.Packaging;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm plugin pack DIR --key KEY [--out FILE]</c>: a signed, deterministic <c>.ntmplugin</c> package of a plugin folder.</summary>
internal static class PluginPackCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = PluginMessages.PackDirDescription };
        var key = new Option<string>("--key") { Description = PluginMessages.PackKeyDescription, Required = true };
        var output = new Option<string?>("--out") { Description = PluginMessages.PackOutDescription };
        var command = new Command("pack", PluginMessages.PackDescription) { dir, key, output };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            // The key is read first: a wrong key file is the user's input error (exit 2), whatever the folder holds.
            using var signingKey = SigningKey.ReadFile(parse.GetValue(key)!);
            var folder = parse.GetValue(dir)!;
            var target = parse.GetValue(output);
            var temp = target ?? Path.Combine(Path.GetTempPath(), "ntm-pack-" + Guid.NewGuid().ToString("N") + PluginPackage.Extension);
            var manifest = PackageWriter.Pack(folder, signingKey, temp);
            if (target is null)
            {
                // The default name needs the plugin id, known only once the folder is read.
                target = Path.GetFullPath($"{manifest.PluginId}-{manifest.Version}{PluginPackage.Extension}");
                File.Move(temp, target, overwrite: true);
            }
            var size = new FileInfo(target).Length;
            using var stream = File.OpenRead(target);
            Console.WriteLine(MessageText.Format(PluginMessages.Packed, manifest.PluginId, manifest.Version, manifest.Files.Count, manifest.Files.Sum(f => f.Size), Path.GetFullPath(target), size));
            Console.WriteLine(MessageText.Format(PluginMessages.PackSigned, signingKey.PublicKey.KeyId, Convert.ToHexStringLower(SHA256.HashData(stream))));
            if (manifest.Files.Any(f => f.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                Console.WriteLine(PluginMessages.PackHoldsAssemblies);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
