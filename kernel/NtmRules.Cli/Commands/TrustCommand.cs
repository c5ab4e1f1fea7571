using System.CommandLine;
using NtmRules.Packaging;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm trust add PUBKEY --name NAME | list | remove KEYID</c>: the publisher keys whose signed
/// plugin packages this user installs and loads.
/// </summary>
internal static class TrustCommand
{
    public static Command Create() => new("trust", "Kho khóa tin cậy: khóa công khai của các đơn vị phát hành plugin")
    {
        Add(),
        List(),
        Remove(),
    };

    private static Command Add()
    {
        var key = new Argument<string>("PUBKEY") { Description = "Public key file (NAME.pub), or its text \"ntm-ed25519-public <base64>\"" };
        var name = new Option<string>("--name") { Description = "Who publishes with this key, e.g. \"Sở NN&PTNT Lạng Sơn\"", Required = true };
        var command = new Command("add", "Tin cậy một khóa công khai") { key, name };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var text = parse.GetValue(key)!;
            var publicKey = File.Exists(text) || !text.TrimStart().StartsWith(SigningPublicKey.Header, StringComparison.Ordinal)
                ? SigningPublicKey.ReadFile(text)
                : SigningPublicKey.Parse(text, "PUBKEY");
            var store = TrustStore.Open(SigningOptions.TrustPath(parse));
            var added = store.Add(publicKey, parse.GetValue(name)!, DateTimeOffset.UtcNow);
            Console.WriteLine($"trusted key {added.KeyId} as \"{added.Name}\" ({store.Path})");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Liệt kê các khóa tin cậy");
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var store = TrustStore.Open(SigningOptions.TrustPath(parse));
            Console.WriteLine($"trust store: {store.Path}");
            foreach (var k in store.Keys)
                Console.WriteLine($"{k.KeyId}  {k.AddedAt:yyyy-MM-dd}  {k.Name}");
            Console.WriteLine(store.Keys.Count == 0 ? "no trusted keys" : $"{store.Keys.Count} trusted keys");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("KEYID") { Description = "Key id (16 hex characters, see 'ntm trust list')" };
        var command = new Command("remove", "Bỏ tin cậy một khóa: các plugin nó ký sẽ bị từ chối") { id };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var store = TrustStore.Open(SigningOptions.TrustPath(parse));
            var removed = store.Remove(parse.GetValue(id)!);
            Console.WriteLine($"removed key {removed.KeyId} (\"{removed.Name}\"); plugins signed with it are refused from now on unless --allow-unsigned");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
