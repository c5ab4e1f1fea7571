using System.Text.Json.Nodes;

namespace NtmRules.Kernel.Diagnostics;

/// <summary>
/// The one JSON shape of a <see cref="Problem"/> outside <c>ntm.evaluation/1</c>: the web's problem
/// documents (<c>application/problem+json</c>) and <c>ntm plugin validate --format json</c> both write it.
/// The keys are those of the published evaluation schema's <c>problem</c> (severity, message, file, line,
/// column, field) followed by <c>text</c>, the line the CLI prints for it.
/// </summary>
public static class ProblemSerializer
{
    /// <summary>"error" or "warning".</summary>
    public static string SeverityCode(Severity severity) => severity == Severity.Error ? "error" : "warning";

    /// <summary>The problem as a JSON object, keys in the documented order; absent locations are null.</summary>
    public static JsonObject ToJson(Problem problem) => new()
    {
        ["severity"] = SeverityCode(problem.Severity),
        ["message"] = problem.Message,
        ["file"] = problem.File,
        ["line"] = problem.Line,
        ["column"] = problem.Column,
        ["field"] = problem.Field,
        ["text"] = problem.ToString(),
    };

    /// <summary>The problems as a JSON array, in order.</summary>
    public static JsonArray ToJson(IEnumerable<Problem> problems) => new(problems.Select(p => (JsonNode?)ToJson(p)).ToArray());
}
