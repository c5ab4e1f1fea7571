using System.Text;
using CsCheck;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Data;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// A commune's <c>sources</c> are listed in ordinal key order whatever order the file gives them in (issue #19,
/// cold start: they were a <c>SortedDictionary</c>, whose generic code over key-value pairs was JIT-compiled on
/// every start; now a dictionary filled in key order).
/// </summary>
public class SourcesOrderTests
{
    private static readonly Gen<string[]> Keys = Gen.String[Gen.Char["aAbBzZ_0é"], 1, 6].HashSet[0, 12].Select(s => s.ToArray());

    [Fact]
    public void Sources_are_listed_in_ordinal_key_order_whatever_the_file_order()
    {
        var sample = JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Of("samples"), "cam-thanh-2023.json")));
        Keys.Sample(keys =>
        {
            var document = (JObject)sample.DeepClone();
            document["sources"] = new JObject(keys.Select(k => new JProperty(k, "nguồn " + k)));
            var data = CommuneDataReader.Parse(Encoding.UTF8.GetBytes(document.ToString()), "x.json", []);
            data.Sources.Keys.Should().Equal(keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (var k in keys) data.Sources[k].Should().Be("nguồn " + k);
        });
    }
}
