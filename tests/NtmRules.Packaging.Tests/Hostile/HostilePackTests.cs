using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Packaging.Tests.Hostile;

/// <summary>
/// <c>ntm plugin pack</c> on a folder holding symbolic links (issue 16, case 13): refused as a plugin
/// problem (exit code 3) naming every link, and no package is written.
/// </summary>
public class HostilePackTests
{
    [Fact]
    public void Case13_links_to_a_file_or_a_folder_outside_the_plugin_are_refused_with_their_paths()
    {
        var root = Kit.TempDir();
        var src = Kit.DataOnlyPlugin(root);
        var outside = Path.Combine(root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "not the plugin's");
        File.CreateSymbolicLink(Path.Combine(src, "rules", "passwd.json"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(src, "sets", "more"), outside);
        var package = Path.Combine(root, "p.ntmplugin");

        var act = () => PackageWriter.Pack(src, Kit.Key(), package);

        var problems = act.Should().Throw<PluginException>().Which.Problems;
        problems.Select(p => p.File).Should().Equal(Path.Combine(src, "rules", "passwd.json"), Path.Combine(src, "sets", "more"));
        problems[0].Message.Should().Contain("symbolic link").And.Contain("/etc/passwd");
        File.Exists(package).Should().BeFalse();
    }

    [Fact]
    public void Case13_a_link_inside_the_folder_is_refused_too_since_a_package_carries_files_only()
    {
        var root = Kit.TempDir();
        var src = Kit.DataOnlyPlugin(root);
        File.CreateSymbolicLink(Path.Combine(src, "sets", "b.json"), Path.Combine(src, "sets", "a.json"));
        var act = () => PackageWriter.Pack(src, Kit.Key(), Path.Combine(root, "p.ntmplugin"));
        act.Should().Throw<PluginException>().Which.Problems.Should().ContainSingle().Which.File.Should().EndWith("b.json");
    }
}
