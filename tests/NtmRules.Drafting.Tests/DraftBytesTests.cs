using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Drafting;
using static NtmRules.Kernel.Tests.Drafting.ShippedPlugins;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// The bytes of every draft format, for every shipped set's sample in four variants, pinned by their
/// SHA-256 (issue #19, goal 5): the drafting is made faster without changing an output byte. The
/// Markdown goldens cover six drafts as text; these hashes also pin the Word and HTML files, the
/// plans dated after the mergers, and text full of Markdown and XML markup.
/// </summary>
public class DraftBytesTests
{
    private static readonly string GoldenFile = RepoPaths.Of("tests", "NtmRules.Drafting.Tests", "Golden", "draft-bytes.sha256.txt");

    /// <summary>The sample as shipped, without its narrative, dated after the mergers, and with markup in the names and narrative.</summary>
    private static readonly (string Name, Action<JObject> Edit)[] Variants =
    [
        ("as-shipped", _ => { }),
        ("no-narrative", j => j.Remove("narrative")),
        ("after-mergers", j =>
        {
            ((JObject)j["commune"]!).Remove("district");
            if (j["plan"] is JObject plan)
            {
                plan["date"] = "2025-09-15";
                plan.Remove("issuingBody");
                plan.Remove("parentBody");
            }
        }),
        ("markup", j =>
        {
            j["commune"]!["name"] = "Xã A&B <C> \"D\" 'E' | *F* _G_ #H [I] `J` ]]> 😀";
            foreach (var narrative in (j["narrative"] as JObject)?.Properties().Select(p => p.Value).OfType<JObject>() ?? [])
                narrative["cause"] = "Nguyên nhân <b>&amp;</b> **đậm** _nghiêng_ [^9] | cột | \\ gạch 😀.";
        }),
    ];

    [Fact]
    public void Every_format_of_every_shipped_sets_sample_keeps_its_bytes()
    {
        var lines = new StringBuilder();
        foreach (var (set, sample) in SampleOf.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var (variant, edit) in Variants)
            {
                var result = Evaluate(set, sample, edit);
                foreach (var format in new[] { DraftFormat.Markdown, DraftFormat.Html, DraftFormat.Docx })
                    lines.Append(set).Append(' ').Append(variant).Append(' ').Append(format).Append(' ')
                        .Append(Convert.ToHexStringLower(SHA256.HashData(Drafter.Draft(result, format).Content))).Append('\n');
            }
        }
        if (Environment.GetEnvironmentVariable("NTM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenFile, lines.ToString());
            return;
        }
        lines.ToString().Should().Be(File.ReadAllText(GoldenFile), "every draft must keep its bytes (NTM_UPDATE_GOLDEN=1 rewrites the hashes; then explain why they changed)");
    }
}
