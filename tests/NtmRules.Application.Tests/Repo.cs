using System.Reflection;
using NtmRules.Drafting;
using NtmRules.Kernel.Loading;

namespace NtmRules.Application.Tests;

/// <summary>The repository's samples, templates and built plugins, and temporary folders.</summary>
internal static class Repo
{
    public const string XaNtm = "vn.qd318.xa-ntm";

    public static string Root { get; } = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NtmRepoRoot").Value!;

    public static string Plugins => Path.Combine(Root, "artifacts", "plugins");

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    public static TemplateLibrary Templates { get; } = TemplateLibrary.Load(Path.Combine(Root, "templates"));

    private static readonly Lazy<PluginHost> National = new(() => PluginHost.LoadFor(Plugins, XaNtm, [Templates]));

    /// <summary>The national xã NTM set and its plugin, loaded once (no signature policy: the tests do not check signing).</summary>
    public static PluginHost Host => National.Value;

    private static readonly Lazy<PluginHost> Every = new(() => PluginHost.Load(Plugins, [Templates]));

    /// <summary>Every bundled plugin, for choosing a set by province and date.</summary>
    public static PluginHost AllSets => Every.Value;

    public static string TempFolder(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }
}

/// <summary>Records what the set choice said, for the tests to check.</summary>
internal sealed class RecordingReporter : ISetChoiceReporter
{
    public List<string> Chosen { get; } = [];

    void ISetChoiceReporter.Chosen(Kernel.Domain.CriteriaSet set) => Chosen.Add(set.Id);

    public Kernel.Diagnostics.Problem NoneChosen(Kernel.Domain.SetSelection selection) =>
        new(Kernel.Diagnostics.Severity.Error, "none: " + selection.Reason, Field: "set");
}
