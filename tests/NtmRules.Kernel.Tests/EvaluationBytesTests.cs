using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using NtmRules.Tests.Shared;
using static NtmRules.Kernel.Tests.Drafting.ShippedPlugins;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The bytes of <c>ntm.evaluation/1</c> and <c>ntm.trace/1</c> for every shipped set's sample, in both
/// languages and with text that needs escaping, pinned by their SHA-256 as Newtonsoft's indented writer
/// wrote them before the documents were written by the kernel's own UTF-8 writer (issue #19, goal 4).
/// </summary>
public class EvaluationBytesTests
{
    private static readonly string GoldenFile = RepoPaths.Of("tests", "NtmRules.Kernel.Tests", "Golden", "evaluation-bytes.sha256.txt");

    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The sample as shipped, and with quotes, a backslash, markup and an emoji in its name (the reader refuses control characters).</summary>
    private static readonly (string Name, Action<JObject> Edit)[] Variants =
    [
        ("as-shipped", _ => { }),
        ("escapes", j =>
        {
            j["commune"]!["name"] = "Xã \"A\\B\" <&> 'đ' / 😀";
            j["commune"]!["code"] = "</script>";
        }),
    ];

    [Fact]
    public void Evaluation_and_trace_of_every_shipped_sets_sample_keep_their_bytes()
    {
        var lines = new StringBuilder();
        foreach (var language in new[] { "vi", "en" })
        {
            using var _ = TestCulture.Use(language);
            foreach (var (set, sample) in SampleOf.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                foreach (var (variant, edit) in Variants)
                {
                    var result = Evaluate(set, sample, edit);
                    Append(lines, language, set, variant, "evaluation", Evaluation(result));
                    Append(lines, language, set, variant, "trace", Trace(result));
                }
            }
        }
        if (Environment.GetEnvironmentVariable("NTM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenFile, lines.ToString());
            return;
        }
        lines.ToString().Should().Be(File.ReadAllText(GoldenFile), "every evaluation and trace must keep its bytes (NTM_UPDATE_GOLDEN=1 rewrites the hashes; then explain why they changed)");
    }

    private static byte[] Evaluation(EvaluationResult result)
    {
        var text = new StringWriter();
        EvaluationJsonWriter.Write(result, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Trace(EvaluationResult result)
    {
        var text = new StringWriter();
        // Versions fixed so that a release's version number does not change the hashes.
        var provenance = Provenance.Of(result, At) with { KernelVersion = "kernel", RulesEngineVersion = "rules-engine" };
        TraceJsonWriter.Write(result, result.Indicators, provenance, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Append(StringBuilder lines, string language, string set, string variant, string document, byte[] bytes) =>
        lines.Append(language).Append(' ').Append(set).Append(' ').Append(variant).Append(' ').Append(document).Append(' ')
            .Append(Convert.ToHexStringLower(SHA256.HashData(bytes))).Append('\n');
}
