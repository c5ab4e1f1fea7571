using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Packaging;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm trust add PUBKEY --name NAME | list | remove KEYID</c>: the publisher keys whose signed
/// plugin packages this user installs and loads.
/// </summary>
internal static class TrustCommand
{
    public static Command Create() => new("trust", PluginMessages.TrustDescription)
    {
        Add(),
        List(),
        Remove(),
    };

    private static Command Add()
    {
        var key = new Argument<string>("PUBKEY") { Description = PluginMessages.TrustKeyDescription };
        var name = new Option<string>("--name") { Description = PluginMessages.TrustNameDescription, Required = true };
        var command = new Command("add", PluginMessages.TrustAddDescription) { key, name };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var text = parse.GetValue(key)!;
            var publicKey = File.Exists(text) || !text.TrimStart().StartsWith(SigningPublicKey.Header, StringComparison.Ordinal)
                ? SigningPublicKey.ReadFile(text)
                : SigningPublicKey.Parse(text, "PUBKEY");
            var store = TrustStore.Open(SigningOptions.TrustPath(parse));
            var added = store.Add(publicKey, parse.GetValue(name)!, DateTimeOffset.UtcNow);
            Console.WriteLine(MessageText.Format(PluginMessages.TrustAdded, added.KeyId, added.Name, store.Path));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", PluginMessages.TrustListDescription);
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var store = TrustStore.Open(SigningOptions.TrustPath(parse));
            Console.WriteLine(MessageText.Format(PluginMessages.TrustStorePath, store.Path));
            foreach (var k in store.Keys)
                Console.WriteLine($"{k.KeyId}  {k.AddedAt:yyyy-MM-dd}  {k.Name}");
            Console.WriteLine(store.Keys.Count == 0 ? PluginMessages.TrustNoKeys : MessageText.Format(PluginMessages.TrustKeyCount, store.Keys.Count));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("KEYID") { Description = PluginMessages.TrustKeyIdDescription };
        var command = new Command("remove", PluginMessages.TrustRemoveDescription) { id };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var store = TrustStore.Open(SigningOptions.TrustPath(parse));
            var removed = store.Remove(parse.GetValue(id)!);
            Console.WriteLine(MessageText.Format(PluginMessages.TrustRemoved, removed.KeyId, removed.Name));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
