using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Packaging;
using NtmRules.Records;
using NtmRules.Drafting;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>Runs a command body and maps the kernel's failures to messages and exit codes, never a stack trace.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (NtmException e)
        {
            WriteProblems(e.Problems);
            return e switch
            {
                InputException or RecordNotFoundException => ExitCodes.BadInput,
                PluginException => ExitCodes.PluginProblem,
                StoreException => ExitCodes.StoreProblem,
                _ => ExitCodes.InternalError,
            };
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(string.Format(Texts.Culture, Texts.InternalError, e.GetType().Name, e.Message));
            Console.Error.WriteLine(Texts.InternalErrorReport);
            if (Environment.GetEnvironmentVariable("NTM_DEBUG") == "1") Console.Error.WriteLine(e);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The default plan templates shipped next to ntm.dll.</summary>
    public static TemplateLibrary LoadTemplates() => TemplateLibrary.Load(Path.Combine(AppContext.BaseDirectory, "templates"));

    public static void WriteProblems(IEnumerable<Problem> problems)
    {
        foreach (var p in problems) Console.Error.WriteLine(p.ToString());
    }

    /// <summary>
    /// Loads one plugin folder being authored against the installed plugins (<see cref="PluginHost.LoadCandidate"/>),
    /// with the template check and the signature policy: installed plugins verified as always, the
    /// candidate examined unsigned when it is data-only (<see cref="CandidatePluginVerifier"/>).
    /// </summary>
    public static PluginHost LoadCandidate(ParseResult parse, Option<string?> pluginsOption, string candidateFolder) =>
        PluginHost.LoadCandidate(candidateFolder, PluginFolder.Resolve(parse.GetValue(pluginsOption)), [LoadTemplates()],
            new CandidatePluginVerifier(SigningOptions.Verifier(parse), candidateFolder));

    /// <summary>
    /// Loads the plugins under the signature policy in effect (<c>--allow-unsigned</c>, <c>--trust</c>)
    /// and reports on stderr the refused ones (they do not stop the others) and the ones loaded unsigned.
    /// Given <paramref name="setId"/>, only the plugins that set needs (<see cref="PluginHost.LoadFor"/>).
    /// </summary>
    public static PluginHost LoadPlugins(ParseResult parse, Option<string?> pluginsOption, bool quiet = false, TemplateLibrary? templates = null,
        string? setId = null)
    {
        // Every command runs the same load checks as 'ntm plugin validate', templates included, so a
        // plugin is refused (or not) whichever command loads it; a command that does not draft reads the
        // default templates only when a plugin's templates are to be checked.
        IPluginCheck check = templates ?? (IPluginCheck)new RecordedTemplateCheck(LoadTemplates, FormatSchemas.PassCache);
        var folder = PluginFolder.Resolve(parse.GetValue(pluginsOption));
        var host = setId is null
            ? PluginHost.Load(folder, [check], SigningOptions.Verifier(parse))
            : PluginHost.LoadFor(folder, setId, [check], SigningOptions.Verifier(parse));
        if (!quiet)
        {
            foreach (var r in host.Reports.Where(r => !r.Loaded))
            {
                Console.Error.WriteLine(MessageText.Format(RunMessages.PluginRefused, Path.GetFileName(r.Folder), r.Problems.Count(p => p.Severity == Severity.Error)));
            }
            foreach (var r in host.Reports.Where(r => r is { Loaded: true, Plugin.Signature.Status: PluginSignatureStatus.UnsignedAllowed }))
            {
                Console.Error.WriteLine(MessageText.Format(RunMessages.PluginLoadedUnsigned, r.Plugin!.Id, r.Plugin.Signature.Reason));
            }
        }
        return host;
    }
}
