using System.Text;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Kernel.Tests;

/// <summary>Loads fixture sets and evaluates inline commune data, the way the host does.</summary>
internal static class TestKit
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>Copies a fixture folder to a fresh temp folder so a test can break it.</summary>
    public static string CopyFixture(string name)
    {
        var target = Path.Combine(Path.GetTempPath(), "ntm-test-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Fixture(name), "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(Fixture(name), file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }

    public static (SetSource? Set, List<Problem> Problems) Read(string folder)
    {
        var problems = new List<Problem>();
        var info = new PluginInfo("vn.test", "Test", "1.0.0", "Test", folder, ContentHash.Of(folder));
        return (CriteriaSetReader.Read(Path.Combine(folder, "set.json"), info, problems), problems);
    }

    public static (CompiledCriteriaSet Compiled, Evaluator Evaluator) Compile(string folder)
    {
        var (set, problems) = Read(folder);
        set.Should().NotBeNull(string.Join("\n", problems));
        var settings = Evaluator.CreateSettings([]);
        var functions = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Ntm"] = new HashSet<string> { "Rate" },
            ["Math"] = new HashSet<string> { "Min", "Max", "Round" },
        };
        var compiled = CompiledCriteriaSet.Compile(set!, settings, functions);
        return (compiled, new Evaluator(settings, [compiled]));
    }

    private static readonly Lazy<(CompiledCriteriaSet, Evaluator)> Mini = new(() => Compile(Fixture("mini")));

    public static CommuneData Commune(string measuresJson, string region = "BTB", int year = 2023, bool special = false, string? date = null)
    {
        var json = $$"""
        {
          "format": "ntm.commune-data/1",
          "commune": { "name": "Xã Thử" },
          "region": "{{region}}",
          "specialDifficulty": {{(special ? "true" : "false")}},
          "year": {{year}},
          {{(date is null ? "" : $"\"assessmentDate\": \"{date}\",")}}
          "measures": {{measuresJson}}
        }
        """;
        return CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "test.json", []);
    }

    /// <summary>All measures of the mini set at passing values; tests override one at a time.</summary>
    public static string PassingMeasures(params (string Key, string Json)[] overrides)
    {
        var values = new Dictionary<string, string>
        {
            ["hoNgheo"] = "20", ["hoCanNgheo"] = "30", ["tongSoHo"] = "1000", ["tyLeThamGiaBhyt"] = "95",
            ["thuNhapBinhQuan"] = "60", ["coQuyHoachChung"] = "true", ["coLangNghe"] = "true", ["coKeHoachLangNghe"] = "true",
        };
        foreach (var (k, v) in overrides)
        {
            if (v is null) values.Remove(k); else values[k] = v;
        }
        return "{" + string.Join(", ", values.Select(kv => $"\"{kv.Key}\": {kv.Value}")) + "}";
    }

    public static EvaluationResult EvaluateMini(CommuneData data)
    {
        var (compiled, evaluator) = Mini.Value;
        return evaluator.EvaluateAsync(compiled, data).GetAwaiter().GetResult();
    }

    public static IndicatorResult Indicator(this EvaluationResult r, string code) => r.Indicators.Single(i => i.Indicator.Code == code);

    public static CriterionResult Criterion(this EvaluationResult r, int number) => r.Criteria.Single(c => c.Criterion.Number == number);
}
