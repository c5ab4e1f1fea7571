using System.Text.RegularExpressions;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>
/// Which relative paths a package may hold. Checked on every zip entry and every path in
/// <c>package.json</c> before anything is written, so that no entry can land outside the folder
/// it is extracted into ("zip slip"), whatever operating system reads the package.
/// </summary>
public static partial class PackagePaths
{
    /// <summary>Why <paramref name="path"/> is not a safe relative path (forward slashes, no "..", no root); null when it is.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0) return PackagingMessages.PathEmpty;
        if (path.Length > 400) return PackagingMessages.PathTooLong;
        if (path.Contains('\\')) return PackagingMessages.PathBackslash;
        if (path.StartsWith('/')) return PackagingMessages.PathAbsolute;
        if (DriveLetter().IsMatch(path)) return PackagingMessages.PathDriveLetter;
        if (path.Contains(':')) return PackagingMessages.PathColon;
        if (path.Any(char.IsControl)) return PackagingMessages.PathControl;
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0) return PackagingMessages.PathEmptySegment;
            if (segment is "." or "..") return PackagingMessages.PathDotSegment;
        }
        return null;
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> under <paramref name="root"/>, checked again after
    /// the operating system has resolved it: belt and braces against a platform quirk the text check missed.
    /// </summary>
    public static string? Under(string root, string relative)
    {
        var rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(rootFull, relative.Replace('/', Path.DirectorySeparatorChar)));
        return full.StartsWith(rootFull, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>Plugin ids become folder names: letters, digits, ".", "-", "_", not starting with a dot.</summary>
    public static bool IsSafePluginId(string id) => PluginId().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z]:")]
    private static partial Regex DriveLetter();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex PluginId();
}
