using System.CommandLine;
using System.Security.Cryptography;
using NtmRules.Packaging;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm plugin pack DIR --key KEY [--out FILE]</c>: a signed, deterministic <c>.ntmplugin</c> package of a plugin folder.</summary>
internal static class PluginPackCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "The plugin folder (built, or data-only: plugin.json, sets, workflows, templates)" };
        var key = new Option<string>("--key") { Description = "Private key file (NAME.key from 'ntm plugin keygen')", Required = true };
        var output = new Option<string?>("--out") { Description = "Package file to write (default: <plugin id>-<version>.ntmplugin in the current folder)" };
        var command = new Command("pack", "Đóng gói và ký một thư mục plugin thành tệp .ntmplugin") { dir, key, output };
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
            Console.WriteLine($"packed {manifest.PluginId} {manifest.Version}: {manifest.Files.Count} files, {manifest.Files.Sum(f => f.Size)} bytes → {Path.GetFullPath(target)} ({size} bytes)");
            Console.WriteLine($"signed with key {signingKey.PublicKey.KeyId}; package SHA-256 {Convert.ToHexStringLower(SHA256.HashData(stream))}");
            if (manifest.Files.Any(f => f.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                Console.WriteLine("note: the package holds assemblies (.dll): they run as code with the rights of whoever loads the plugin. A data-only plugin (plugin.json, sets, workflows, templates) runs no code and is preferred");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
