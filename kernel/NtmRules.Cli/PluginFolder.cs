namespace NtmRules.Cli;

/// <summary>Where the CLI looks for plugins: --plugins, else NTM_PLUGINS, else the folder built next to ntm.dll.</summary>
internal static class PluginFolder
{
    /// <summary>Environment variable that overrides the default folder.</summary>
    public const string EnvironmentVariable = "NTM_PLUGINS";

    public static string Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Path.GetFullPath(option);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        return Bundled;
    }

    /// <summary>The plugin folder built next to ntm.dll: what ships with the program, trusted as the program itself.</summary>
    public static string Bundled => Path.Combine(AppContext.BaseDirectory, "plugins");
}
