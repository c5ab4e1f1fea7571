using System.Security.Cryptography;
using System.Text;
using NtmRules.Drafting;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;

namespace NtmRules.Cli;

/// <summary>
/// The template check (<see cref="TemplateLibrary"/>) for the commands that load plugins but do not draft:
/// a plugin whose templates or drafting library are broken is refused by every command, but parsing the
/// default templates and rendering a probe plan with the plugin's was a share of every cold
/// <c>ntm evaluate</c>. So the default templates are read only when a plugin's templates have to be
/// checked, and a pass is recorded (<see cref="PassCache"/>) under the hash of the plugin's templates
/// folder, the default templates and this build: unchanged templates are not checked again.
/// </summary>
internal sealed class RecordedTemplateCheck(Func<TemplateLibrary> load, PassCache? passes) : IPluginCheck
{
    /// <summary>The folder, in a plugin and next to ntm, that holds templates and the drafting library.</summary>
    private const string TemplatesFolder = "templates";

    private readonly Lazy<TemplateLibrary> _library = new(load);

    /// <inheritdoc />
    public IEnumerable<Problem> Check(PluginInfo plugin)
    {
        var own = Path.Combine(plugin.Folder, TemplatesFolder);
        // Without a templates folder the library's check has nothing to look at either.
        if (!Directory.Exists(own)) return [];
        var key = passes is null ? null : Key(own);
        if (key is not null && passes!.Passed(key)) return [];
        var problems = _library.Value.Check(plugin).ToList();
        if (key is not null && problems.Count == 0) passes!.Record(key);
        return problems;
    }

    /// <summary>The hash of everything the check's verdict depends on; null when a file cannot be read (the check then runs).</summary>
    private static string? Key(string own)
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Append(hash, "ntm template check 1");
            // Module version ids change with any change to the code that checks, or to the Scriban version it references (builds are deterministic).
            foreach (var assembly in new[] { typeof(TemplateLibrary).Assembly, typeof(PassCache).Assembly })
                Append(hash, assembly.ManifestModule.ModuleVersionId.ToString("N"));
            AppendFolder(hash, Path.Combine(AppContext.BaseDirectory, TemplatesFolder));
            AppendFolder(hash, own);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void AppendFolder(IncrementalHash hash, string folder)
    {
        Append(hash, "folder");
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Append(hash, Path.GetRelativePath(folder, file));
            Append(hash, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
        }
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\0"));
}
