using System.IO.Compression;
using NtmRules.Drafting;
using NtmRules.Drafting.Output;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using static NtmRules.Kernel.Tests.Drafting.DraftKit;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// Hostile-input suite, drafting part (issue 16): #16.12 a template that doubles a string thousands
/// of times, or loops without end inside the loop limit, is stopped within a bounded time and output
/// and refused when its plugin is validated; #16.21 the same draft gives byte-identical DOCX.
/// </summary>
public class HostileTemplateTests
{
    /// <summary>The template of the probe: 9.000 doublings of a string (42 s and 2 million characters before).</summary>
    private const string Doubling = "{{ s = 'ab'; for i in 1..9000; s = s + s; end; s | string.size }}";

    /// <summary>
    /// Within the loop and string limits, but slow on any machine: 9.999 × 20 replacements in a string of
    /// 160.000 characters (the 9.999 single replacements used before ran under the 0,5 s limit on an idle
    /// machine; expressions have no regular expressions to make it slower).
    /// </summary>
    private const string NestedLoops = "{{ s = ''; for i in 1..4000; s = s + '0123456789012345678901234567890123456789'; end; for i in 1..9999; t = s | string.replace '0' '1' | string.replace '1' '2' | string.replace '2' '3' | string.replace '3' '4' | string.replace '4' '5' | string.replace '5' '6' | string.replace '6' '7' | string.replace '7' '8' | string.replace '8' '9' | string.replace '9' '0' | string.replace '0' '1' | string.replace '1' '2' | string.replace '2' '3' | string.replace '3' '4' | string.replace '4' '5' | string.replace '5' '6' | string.replace '6' '7' | string.replace '7' '8' | string.replace '8' '9' | string.replace '9' '0'; end; t | string.size }}";

    [Fact]
    public void _16_12_a_template_doubling_a_string_is_stopped_at_the_string_limit_quickly_naming_the_template()
    {
        var act = () => Render(Failing(), With("plan.md", Doubling));
        var problem = act.Should().Throw<PluginException>().Which.Problems.Single();
        problem.Message.Should().StartWith("template failed");
        problem.File.Should().Be("plan.md.scriban");
        problem.Line.Should().Be(1);
    }

    [Fact]
    public void _16_12_a_template_running_too_long_is_stopped_at_the_time_limit()
    {
        var act = () => PlanRenderer.Render(NtmRules.Drafting.PlanModelBuilder.Build(Failing(), Defaults.Guidance(Failing().Set)),
            With("plan.md", NestedLoops), TimeSpan.FromMilliseconds(500));
        var problem = act.Should().Throw<PluginException>().Which.Problems.Single();
        problem.Message.Should().Contain("took longer than 0.5 s");
        problem.File.Should().Be("plan.md.scriban");
    }

    [Theory]
    [InlineData(Doubling)]
    [InlineData(NestedLoops)]
    public void _16_12_a_plugin_with_such_a_template_is_refused_at_validation_naming_its_file(string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntm-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        File.WriteAllText(Path.Combine(folder, "templates", "indicator.md.scriban"), "x\n" + text + "\n");
        var problems = TemplateLibrary.Load(RepoPaths.Of("templates")).Check(new PluginInfo("vn.test.hostile", "t", "1", "t", folder, "")).ToArray();
        var problem = problems.Should().ContainSingle(p => p.Severity == Severity.Error).Which;
        problem.File.Should().EndWith("indicator.md.scriban");
        problem.Message.Should().Contain("template failed").And.Contain("ntm plugin validate");
    }

    [Fact]
    public void _16_12_an_ordinary_plugin_template_passes_the_probe()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntm-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        File.WriteAllText(Path.Combine(folder, "templates", "indicator.md.scriban"), "TỈNH: {{ indicator.code }} {{ md.escape indicator.proposal }}\n");
        TemplateLibrary.Load(RepoPaths.Of("templates")).Check(new PluginInfo("vn.test.ok", "t", "1", "t", folder, "")).Should().BeEmpty();
    }

    private static byte[] Docx(string markdown)
    {
        using var stream = new MemoryStream();
        DocxPlanWriter.Write(markdown, stream);
        return stream.ToArray();
    }

    [Fact]
    public void _16_21_the_same_draft_gives_byte_identical_docx_whatever_the_clock()
    {
        var markdown = Render(Failing());
        var first = Docx(markdown);
        Thread.Sleep(2100); // zip entry times have a resolution of two seconds
        var second = Docx(markdown);
        second.Should().Equal(first);
        using var zip = new ZipArchive(new MemoryStream(first));
        zip.Entries.Should().OnlyContain(e => e.LastWriteTime.DateTime == DeterministicPackage.EntryTime.DateTime, "entries carry a fixed time, not the clock");
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".rels", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            reader.ReadToEnd().Should().NotMatchRegex("Id=\"R[0-9a-f]{16}\"", "relationship ids are fixed, not random");
        }
    }

    [Fact]
    public void _16_21_a_shipped_plan_with_footnotes_and_tables_is_byte_identical_across_runs()
    {
        var result = ShippedPlugins.Evaluate("vn.qd318.xa-ntm-nang-cao", "tan-lap-2024.json");
        var a = ShippedPlugins.Drafter.Draft(result, DraftFormat.Docx).Content;
        var b = ShippedPlugins.Drafter.Draft(ShippedPlugins.Evaluate("vn.qd318.xa-ntm-nang-cao", "tan-lap-2024.json"), DraftFormat.Docx).Content;
        b.Should().Equal(a);
    }
}
