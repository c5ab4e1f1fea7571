using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Kernel.Loading;
using NtmRules.Packaging;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli;

/// <summary>
/// The global options of the signature policy: <c>--allow-unsigned</c> and <c>--trust PATH</c>,
/// recursive like <c>--plugins</c>, so every command that loads plugins obeys them.
/// </summary>
internal static class SigningOptions
{
    /// <summary>Load unsigned plugin folders and packages of untrusted signers; every result and trace records it.</summary>
    public static Option<bool> AllowUnsigned { get; } = new("--allow-unsigned") { Recursive = true };

    /// <summary>The trust store file.</summary>
    public static Option<string?> Trust { get; } = new("--trust") { Recursive = true };

    /// <summary>
    /// Words both options' help in the language in effect and names the trust store the environment gives now. The
    /// options are shared instances, made once per process; a process that builds the command line more than once
    /// (the in-process tests, in either language) must not keep the words of the first build.
    /// </summary>
    public static void Describe()
    {
        AllowUnsigned.Description = RunMessages.AllowUnsignedDescription;
        Trust.Description = MessageText.Format(RunMessages.TrustOptionDescription, TrustStore.EnvironmentVariable, TrustStore.Resolve(null));
    }

    /// <summary>The trust store file in effect.</summary>
    public static string TrustPath(ParseResult parse) => TrustStore.Resolve(parse.GetValue(Trust));

    /// <summary>The package options in effect (trust store opened on first use).</summary>
    public static PackageOptions PackageOptions(ParseResult parse)
    {
        var path = TrustPath(parse);
        return new PackageOptions(() => TrustStore.Open(path), parse.GetValue(AllowUnsigned));
    }

    /// <summary>The host's load policy: the folder next to ntm is bundled, installed packages re-verified, the rest unsigned.</summary>
    public static IPluginVerifier Verifier(ParseResult parse)
    {
        var path = TrustPath(parse);
        return new InstalledPluginVerifier(() => TrustStore.Open(path), PluginFolder.Bundled, parse.GetValue(AllowUnsigned));
    }
}
