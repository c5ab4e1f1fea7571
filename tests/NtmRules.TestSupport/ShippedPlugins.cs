using NtmRules.Kernel.Loading;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The shipped plugins laid out from their sources as data-only plugin folders (manifest, sets,
/// workflows, test cases; no assembly), so that kernel tests load every shipped set without a build
/// and can edit a copy freely.
/// </summary>
internal static class ShippedPlugins
{
    private static readonly (string Project, string? Rules)[] Plugins =
    [
        ("NtmRules.Plugins.Qd318", "qd318"), ("NtmRules.Plugins.ThanhHoa", null), ("NtmRules.Plugins.LangSon", "lang-son"),
        ("NtmRules.Plugins.HaTinh", "ha-tinh"), ("NtmRules.Plugins.CaoBang", "cao-bang"),
    ];

    /// <summary>A fresh plugins root holding every shipped plugin as a data-only folder.</summary>
    public static string CopyRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "ntm-shipped-" + Guid.NewGuid().ToString("N"));
        foreach (var (project, rules) in Plugins)
        {
            var target = Path.Combine(root, project);
            Copy(RepoPaths.Of("plugins", project), target, d => Path.GetFileName(d) is not ("obj" or "bin"), f => !f.EndsWith(".cs") && !f.EndsWith(".csproj"));
            if (rules is not null) Copy(RepoPaths.Of("rules", rules), Path.Combine(target, "rules"), _ => true, _ => true);
        }
        return root;
    }

    private static readonly Lazy<(PluginHost Host, string Root)> Shared = new(() =>
    {
        var root = CopyRoot();
        return (PluginHost.Load(root), root);
    });

    /// <summary>Every shipped plugin loaded once per test process (shared; do not edit its folders).</summary>
    public static PluginHost Loaded => Shared.Value.Host;

    /// <summary>The plugins root <see cref="Loaded"/> was loaded from, for candidates that extend a shipped set (read only).</summary>
    public static string LoadedRoot => Shared.Value.Root;

    private static void Copy(string from, string to, Func<string, bool> dir, Func<string, bool> file)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from).Where(file)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from).Where(dir)) Copy(d, Path.Combine(to, Path.GetFileName(d)), dir, file);
    }
}
