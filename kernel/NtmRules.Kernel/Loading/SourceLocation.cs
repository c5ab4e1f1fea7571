using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Where a node of a plugin was written: its file and the JSON object it was read from. Checks
/// made after reading — when an expression is compiled, when a threshold is compared with a
/// measure's range — locate their problem from it (file, line, column, JSON path).
/// </summary>
/// <param name="File">The file, as problems name it.</param>
/// <param name="Token">The JSON object of the node.</param>
internal sealed record SourceLocation(string File, JToken Token)
{
    /// <summary>A problem at the node, at its property <paramref name="property"/> when given and present.</summary>
    public Problem At(string? property, string message, Severity severity = Severity.Error)
    {
        var token = Token;
        if (property is not null && token is JObject o && JsonFields.Get(o, property) is { } p) token = p;
        return JsonDocumentReader.At(token, File, message, severity);
    }

    /// <summary>A problem at <paramref name="location"/>; at <paramref name="fallbackFile"/> alone when the node's source is unknown (a node the host made).</summary>
    public static Problem At(SourceLocation? location, string? property, string fallbackFile, string message, Severity severity = Severity.Error) =>
        location?.At(property, message, severity) ?? new Problem(severity, message, fallbackFile);
}
