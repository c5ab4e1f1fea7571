using System.Text.RegularExpressions;

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
        if (path.Length == 0) return "empty path";
        if (path.Length > 400) return "path longer than 400 characters";
        if (path.Contains('\\')) return "contains a backslash (paths in a package use forward slashes; a backslash could mean a folder on Windows)";
        if (path.StartsWith('/')) return "absolute path";
        if (DriveLetter().IsMatch(path)) return "starts with a drive letter";
        if (path.Contains(':')) return "contains a colon";
        if (path.Any(char.IsControl)) return "contains a control character";
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0) return "has an empty segment (a folder entry, or \"//\")";
            if (segment is "." or "..") return "has a \".\" or \"..\" segment that could escape its folder";
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
