using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NtmRules.Drafting;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// Every shipped plugin, assembled from the repository's sources as data-only folders (manifest,
/// sets, templates and drafting library, and the workflows each project links from <c>rules/</c>),
/// loaded by the host with the default templates as its check: the drafts of the real plugins,
/// in-process, without a built plugin folder.
/// </summary>
internal static partial class ShippedPlugins
{
    private static readonly Lazy<(PluginHost Host, TemplateLibrary Templates)> Loaded = new(Load);

    public static PluginHost Host => Loaded.Value.Host;

    public static TemplateLibrary Templates => Loaded.Value.Templates;

    /// <summary>Each shipped set and the bundled sample it is shown with (README, "Sets available now").</summary>
    public static IReadOnlyDictionary<string, string> SampleOf { get; } = new Dictionary<string, string>
    {
        ["vn.qd318.xa-ntm"] = "cam-thanh-2023.json",
        ["vn.qd318.xa-ntm-nang-cao"] = "tan-lap-2024.json",
        ["vn.thanh-hoa.2022-2025.xa-ntm"] = "cam-thanh-2023.json",
        ["vn.thanh-hoa.2022-2025.xa-ntm-nang-cao"] = "cam-thanh-2023.json",
        ["vn.lang-son.2022-2025.xa-ntm"] = "tan-lap-2024.json",
        ["vn.lang-son.2022-2025.xa-ntm-nang-cao"] = "tan-lap-2024.json",
        ["vn.lang-son.2022-2025.xa-ntm-kieu-mau"] = "tan-lap-2024.json",
        ["vn.ha-tinh.2022-2025.xa-ntm"] = "son-bang-2023.json",
        ["vn.ha-tinh.2022-2025.xa-ntm-nang-cao"] = "son-bang-2023.json",
        ["vn.ha-tinh.2022-2025.kdc-ntm-kieu-mau"] = "thinh-bang-2023.json",
        ["vn.cao-bang.2022-2025.xom-ntm"] = "bo-teng-2023.json",
        ["vn.cao-bang.2022-2025.xom-ntm-kieu-mau"] = "bo-teng-2023.json",
    };

    [GeneratedRegex(@"\$\(RepoRoot\)rules/(?<folder>[a-z0-9-]+)/")]
    private static partial Regex LinkedRules();

    private static (PluginHost, TemplateLibrary) Load() => Load(_ => { });

    /// <summary>The shipped plugins with <paramref name="edit"/> applied to the assembled plugins root first.</summary>
    public static (PluginHost Host, TemplateLibrary Templates) Load(Action<string> edit)
    {
        var root = Path.Combine(Path.GetTempPath(), "ntm-shipped-" + Guid.NewGuid().ToString("N"));
        foreach (var project in Directory.GetDirectories(RepoPaths.Of("plugins")).Where(d => File.Exists(Path.Combine(d, "plugin.json"))))
        {
            var target = Path.Combine(root, Path.GetFileName(project));
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(project, "plugin.json"), Path.Combine(target, "plugin.json"));
            CopyFolder(Path.Combine(project, "sets"), Path.Combine(target, "sets"));
            CopyFolder(Path.Combine(project, "templates"), Path.Combine(target, "templates"));
            foreach (Match m in LinkedRules().Matches(File.ReadAllText(Directory.GetFiles(project, "*.csproj").Single())))
                CopyFolder(RepoPaths.Of("rules", m.Groups["folder"].Value), Path.Combine(target, "rules"));
        }
        edit(root);
        var templates = TemplateLibrary.Load(RepoPaths.Of("templates"));
        var host = PluginHost.Load(root, [templates]);
        host.Reports.Should().OnlyContain(r => r.Loaded, string.Join("\n", host.Reports.SelectMany(r => r.Problems)));
        return (host, templates);
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
    }

    /// <summary>Evaluates a bundled sample against a shipped set; <paramref name="edit"/> may change the sample first.</summary>
    public static EvaluationResult Evaluate(string setId, string sample, Action<JObject>? edit = null)
    {
        var json = JObject.Parse(File.ReadAllText(RepoPaths.Of("samples", sample)));
        edit?.Invoke(json);
        var data = CommuneDataReader.Parse(System.Text.Encoding.UTF8.GetBytes(json.ToString()), "samples/" + sample, []);
        return Host.Evaluator.EvaluateAsync(Host.GetSet(setId), data).GetAwaiter().GetResult();
    }

    public static PlanDrafter Drafter => new(Templates);
}
