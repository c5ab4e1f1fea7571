using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Testing;

namespace NtmRules.Application.Tests;

/// <summary>
/// Every plugin bundled with ntm, checked in process as <c>ntm plugin validate</c> and <c>ntm plugin
/// test</c> check it (moved down from the CLI tests, which keep one run of each command for its
/// output): it validates clean, and its own cases pass and cover every indicator of its sets.
/// </summary>
public sealed class ShippedPluginsTests
{
    /// <summary>The bundled plugin folders and the indicators their sets hold (each set's own and inherited).</summary>
    public static TheoryData<string, int> Bundled() => new()
    {
        { "NtmRules.Plugins.CaoBang", 16 + 17 },
        { "NtmRules.Plugins.HaTinh", 57 + 75 + 11 },
        { "NtmRules.Plugins.LangSon", 57 + 75 + 78 },
        { "NtmRules.Plugins.Qd318", 57 + 75 },
        { "NtmRules.Plugins.ThanhHoa", 57 + 75 },
    };

    [Fact]
    public void The_bundled_plugins_are_the_five_expected()
    {
        Directory.GetDirectories(Repo.Plugins).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)
            .Should().Equal(Bundled().Select(row => (string)row[0]));
    }

    [Theory]
    [MemberData(nameof(Bundled))]
    public async Task Validates_clean_and_passes_its_own_cases_with_full_rule_coverage(string folder, int indicators)
    {
        var dir = Path.Combine(Repo.Plugins, folder);
        var host = PluginHost.LoadCandidate(dir, Repo.Plugins, [Repo.Templates]);

        var validation = PluginValidator.Validate(host, Repo.Plugins);
        validation.Problems.Where(p => p.Severity == Kernel.Diagnostics.Severity.Error).Should().BeEmpty();
        validation.Valid.Should().BeTrue();

        var report = await PluginTestRunner.RunAsync(host);
        report.Cases.Should().NotBeEmpty().And.OnlyContain(c => c.Passed, string.Join("\n", report.Cases.Where(c => !c.Passed).Select(c => c.Case.Name)));
        report.Coverage.Total.Should().Be(indicators);
        report.Coverage.Covered.Should().Be(indicators);
        report.Coverage.Percent.Should().Be(100);
    }
}
