namespace NtmRules.Kernel.Loading;

/// <summary>
/// A record, kept between processes in the user's cache folder, that some exact content passed a check
/// in this build: a document its schema (<see cref="FormatSchemas.PassKey"/>), a plugin's templates the
/// template check. Schema validation was the largest share of a cold <c>ntm evaluate</c>, and plugin
/// files and commune data rarely change between runs. The key is a hash the checker makes of
/// everything its verdict depends on. Only passes are recorded, so content with errors is always
/// checked and its problems reported.
/// The record lives outside every plugin folder and is named by the hash of the content itself, so a
/// plugin cannot bring a record for content that did not pass. The cache is a convenience: a record
/// that cannot be read or does not say what it should is a miss, a record that cannot be written is
/// skipped, never an error.
/// </summary>
public sealed class PassCache
{
    /// <summary>The environment variable naming the cache folder, or <see cref="Disabled"/> to keep no records.</summary>
    public const string EnvironmentVariable = "NTM_CACHE";

    /// <summary>The value of <see cref="EnvironmentVariable"/> that turns the cache off.</summary>
    public const string Disabled = "off";

    /// <summary>The folder of records inside the cache folder.</summary>
    internal const string RecordsFolder = "passes";

    /// <summary>What a record says, followed by its key: a file holding anything else is not a record.</summary>
    private const string Header = "ntm pass 1 ";

    /// <summary>
    /// How many records one cache object (one ntm process) writes at most: a cold start needs a handful, and a
    /// command that checks thousands of generated documents (a threshold search, a server answering
    /// every request's data) must not write a file for each.
    /// </summary>
    internal const int WritesPerProcess = 32;

    private readonly int _capacity;

    private int _writes;

    /// <summary>A cache of at most <paramref name="capacity"/> records under <paramref name="folder"/>.</summary>
    /// <param name="folder">The cache folder (records go in its <c>passes</c> folder).</param>
    /// <param name="capacity">How many records are kept; the oldest go first.</param>
    public PassCache(string folder, int capacity = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Folder = Path.GetFullPath(folder);
        _capacity = capacity;
    }

    /// <summary>The cache folder.</summary>
    public string Folder { get; }

    private string Records => Path.Combine(Folder, RecordsFolder);

    /// <summary>
    /// The cache <see cref="EnvironmentVariable"/> names; else <c>$XDG_CACHE_HOME/ntm</c>; else
    /// <c>~/.cache/ntm</c>; null when it says <see cref="Disabled"/> or no folder is known.
    /// </summary>
    public static PassCache? FromEnvironment() =>
        FolderFor(Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)) is { } folder ? new PassCache(folder) : null;

    /// <summary>The cache folder for these settings, or null for none.</summary>
    internal static string? FolderFor(string? setting, string? xdgCacheHome, string? home)
    {
        if (!string.IsNullOrWhiteSpace(setting))
            return string.Equals(setting.Trim(), Disabled, StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(setting);
        // The XDG base directory rules ignore a relative XDG_CACHE_HOME.
        if (!string.IsNullOrEmpty(xdgCacheHome) && Path.IsPathFullyQualified(xdgCacheHome)) return Path.Combine(xdgCacheHome, "ntm");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "ntm");
    }

    /// <summary>Whether a pass is recorded under <paramref name="key"/>; false when the record is missing, unreadable or not a record.</summary>
    /// <param name="key">The checker's hash, in lowercase hexadecimal.</param>
    public bool Passed(string key)
    {
        if (!IsKey(key)) return false;
        try
        {
            var path = Path.Combine(Records, key);
            return File.Exists(path) && File.ReadAllText(path) == Header + key;
        }
        catch (Exception e) when (IsCacheFailure(e))
        {
            return false;
        }
    }

    /// <summary>Records a pass under <paramref name="key"/>, whole or not at all; skipped when the folder cannot be written.</summary>
    /// <param name="key">The checker's hash, in lowercase hexadecimal.</param>
    public void Record(string key)
    {
        if (!IsKey(key) || Interlocked.Increment(ref _writes) > WritesPerProcess) return;
        string? temporary = null;
        try
        {
            Directory.CreateDirectory(Records);
            // Written aside and renamed: a reader sees no record or the whole record, never a part.
            temporary = Path.Combine(Records, $"{key}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temporary, Header + key);
            File.Move(temporary, Path.Combine(Records, key), overwrite: true);
            temporary = null;
            Trim();
        }
        catch (Exception e) when (IsCacheFailure(e))
        {
            if (temporary is not null) TryDelete(temporary);
        }
    }

    /// <summary>Keeps the folder within its capacity: past it, the oldest records (and leftovers of writes) go, down to three quarters.</summary>
    private void Trim()
    {
        var files = new DirectoryInfo(Records).GetFiles();
        if (files.Length <= _capacity) return;
        foreach (var old in files.OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).Take(files.Length - Math.Max(1, _capacity * 3 / 4)))
            TryDelete(old.FullName);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (IsCacheFailure(e))
        {
            // Another process removed it, or the folder turned read-only: the next write trims again.
        }
    }

    /// <summary>A SHA-256 in lowercase hexadecimal: nothing else names a file in the records folder.</summary>
    private static bool IsKey(string key) => key.Length == 64 && key.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The failures of a file system that make the cache miss rather than the command fail.</summary>
    private static bool IsCacheFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException;
}
