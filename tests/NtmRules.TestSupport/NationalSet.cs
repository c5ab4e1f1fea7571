using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The national xã NTM set compiled from the plugin's sources (set file and workflow laid out as the
/// plugin build lays them out), so that kernel tests need no built plugin folder.
/// </summary>
internal static class NationalSet
{
    private static readonly Lazy<(CompiledCriteriaSet Compiled, Evaluator Evaluator)> XaNtm = new(() => Load("xa-ntm"));

    public static CompiledCriteriaSet Compiled => XaNtm.Value.Compiled;

    public static Evaluator Evaluator => XaNtm.Value.Evaluator;

    private static (CompiledCriteriaSet, Evaluator) Load(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntm-national-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "sets"));
        Directory.CreateDirectory(Path.Combine(folder, "rules"));
        File.Copy(RepoPaths.Of("plugins", "NtmRules.Plugins.Qd318", "sets", name + ".json"), Path.Combine(folder, "sets", name + ".json"));
        File.Copy(RepoPaths.Of("rules", "qd318", name + ".json"), Path.Combine(folder, "rules", name + ".json"));
        var problems = new List<Problem>();
        var info = new PluginInfo("vn.qd318", "QĐ 318", "1.0.0", "Thủ tướng Chính phủ", folder, ContentHash.Of(folder));
        var set = CriteriaSetReader.Read(Path.Combine(folder, "sets", name + ".json"), info, problems);
        set.Should().NotBeNull(string.Join("\n", problems));
        var settings = Evaluator.CreateSettings([]);
        var functions = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Ntm"] = new HashSet<string> { "Rate" },
            ["Math"] = new HashSet<string> { "Min", "Max", "Round", "Abs", "Floor", "Ceiling" },
        };
        var compiled = CompiledCriteriaSet.Compile(set!, settings, functions);
        return (compiled, new Evaluator(settings, [compiled]));
    }
}
