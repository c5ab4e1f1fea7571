using NtmRules.Kernel.Loading;

namespace NtmRules.Application.Tests;

/// <summary>The national plugin copied with one rule that throws at run time (a plugin defect): indicator 10's income rule rounds to -1 digits.</summary>
internal static class Broken
{
    private static readonly Lazy<PluginHost> Loaded = new(Load);

    public static PluginHost Host => Loaded.Value;

    private static PluginHost Load()
    {
        var root = Repo.TempFolder("ntm-app-broken");
        var plugin = Path.Combine(root, "NtmRules.Plugins.Qd318");
        Repo.CopyFolder(Path.Combine(Repo.Plugins, "NtmRules.Plugins.Qd318"), plugin);
        var rules = Path.Combine(plugin, "rules", "xa-ntm.json");
        var text = File.ReadAllText(rules);
        const string income = "\"Expression\": \"m.thuNhapBinhQuanDauNguoi\"";
        text.Should().Contain(income);
        File.WriteAllText(rules, text.Replace(income, "\"Expression\": \"Math.Round(m.thuNhapBinhQuanDauNguoi, -1)\""));
        return PluginHost.LoadFor(root, Repo.XaNtm, [Repo.Templates]);
    }
}
