using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Packaging;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm plugin keygen --out NAME</c>: a new Ed25519 key pair, NAME.key (owner-only) and NAME.pub.</summary>
internal static class PluginKeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = PluginMessages.KeygenOutDescription, Required = true };
        var command = new Command("keygen", PluginMessages.KeygenDescription) { output };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            using var key = SigningKey.Generate();
            var (privatePath, publicPath) = key.WriteFiles(parse.GetValue(output)!);
            Console.WriteLine(MessageText.Format(PluginMessages.KeyId, key.PublicKey.KeyId));
            Console.WriteLine(MessageText.Format(PluginMessages.PrivateKeyWritten, privatePath));
            Console.WriteLine(MessageText.Format(PluginMessages.PublicKeyWritten, publicPath, Path.GetFileName(publicPath)));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
