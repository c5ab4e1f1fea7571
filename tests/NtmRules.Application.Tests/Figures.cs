using System.Globalization;
using System.Text.Json.Nodes;

namespace NtmRules.Application.Tests;

/// <summary>A sample commune's figures as the cells of a one-row table (the web form's typed figures, or a CSV file).</summary>
internal static class Figures
{
    /// <summary>The sample's figures, with <paramref name="extra"/> replacing a column's text or adding a column.</summary>
    public static TypedFigures FromSample(string sample, params (string Key, string Value)[] extra)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Repo.Sample(sample)))!;
        var cells = new List<KeyValuePair<string, string>>
        {
            new("name", (string)doc["commune"]!["name"]!),
            new("province", (string)doc["commune"]!["province"]!),
            new("region", (string)doc["region"]!),
            new("year", ((int)doc["year"]!).ToString(CultureInfo.InvariantCulture)),
            new("assessmentDate", (string)doc["assessmentDate"]!),
        };
        foreach (var (key, value) in doc["measures"]!.AsObject())
            cells.Add(new(key, Text(value!)));
        foreach (var (key, value) in extra)
        {
            // A key the sample has gets the new text in its column; another is a new column.
            var at = cells.FindIndex(c => c.Key == key);
            if (at >= 0) cells[at] = KeyValuePair.Create(key, value);
            else cells.Add(KeyValuePair.Create(key, value));
        }
        return new TypedFigures("bieu-mau.csv", cells);
    }

    /// <summary>Writes the figures as the CSV file the record would keep, and returns its path.</summary>
    public static string WriteCsv(TypedFigures figures, string folder, string name = "xa.csv")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, TypedCommune.Bytes(figures));
        return path;
    }

    /// <summary>Numbers as Vietnamese write them in a table (decimal comma), booleans as true/false.</summary>
    private static string Text(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True => "true",
        System.Text.Json.JsonValueKind.False => "false",
        System.Text.Json.JsonValueKind.Number => ((decimal)value).ToString(CultureInfo.InvariantCulture).Replace('.', ','),
        _ => value.ToString(),
    };
}
