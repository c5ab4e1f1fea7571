using System.CommandLine;
using NtmRules.Packaging;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm plugin keygen --out NAME</c>: a new Ed25519 key pair, NAME.key (owner-only) and NAME.pub.</summary>
internal static class PluginKeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Base name of the key files: writes NAME.key (private, mode 0600) and NAME.pub", Required = true };
        var command = new Command("keygen", "Tạo cặp khóa Ed25519 để ký gói plugin: NAME.key (khóa bí mật) và NAME.pub (khóa công khai)") { output };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            using var key = SigningKey.Generate();
            var (privatePath, publicPath) = key.WriteFiles(parse.GetValue(output)!);
            Console.WriteLine($"key id: {key.PublicKey.KeyId}");
            Console.WriteLine($"private key: {privatePath} (keep it secret: whoever holds it publishes plugins in your name)");
            Console.WriteLine($"public key:  {publicPath} (users trust it with: ntm trust add {Path.GetFileName(publicPath)} --name \"…\")");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
