using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Diagnostics;

/// <summary>How serious a <see cref="Problem"/> is.</summary>
public enum Severity
{
    /// <summary>Worth saying, changes nothing (an unknown measure key is ignored).</summary>
    Warning,
    /// <summary>The input is wrong; the affected part is not used.</summary>
    Error,
}

/// <summary>
/// Something wrong with a user's file or a plugin, located as precisely as the input allows
/// so that a person can find and fix it.
/// </summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong and, where possible, how to fix it.</param>
/// <param name="File">The file, as the user named it; null when not about a file.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="Field">JSON path or field name, e.g. <c>measures.tyLeThamGiaBhyt</c>.</param>
public sealed record Problem(Severity Severity, string Message, string? File = null, int? Line = null, int? Column = null, string? Field = null)
{
    /// <summary>"samples/x.json(12,5): error: measures.bhyt: …", the form compilers use, so editors can jump to it; the word for the severity ("lỗi", "error") follows the UI language.</summary>
    public override string ToString()
    {
        var where = File is null ? "" : Line is { } l ? $"{File}({l},{Column ?? 1}): " : $"{File}: ";
        var field = string.IsNullOrEmpty(Field) ? "" : Field + ": ";
        return $"{where}{(Severity == Severity.Error ? OutputMessages.SeverityError : OutputMessages.SeverityWarning)}: {field}{Message}";
    }
}
