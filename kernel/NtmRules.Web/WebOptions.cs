using NtmRules.Kernel.Loading;
namespace NtmRules.Web;

/// <summary>How <c>ntm serve</c> runs: what the operator chose on the command line.</summary>
public sealed record WebOptions
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Addresses to listen on (Kestrel's <c>--urls</c> syntax, ';'-separated).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Folder of plugin folders, as <c>--plugins</c> resolves it.</summary>
    public required string PluginsFolder { get; init; }

    /// <summary>
    /// The signature policy every plugin passes before it loads (the CLI's: signed by a trusted key,
    /// bundled with ntm, or allowed unsigned); null loads without checking, and every page says so.
    /// </summary>
    public IPluginVerifier? Verifier { get; init; }

    /// <summary>
    /// Whether the operator lets users install plugin packages through the web (<c>ntm serve
    /// --allow-plugin-install</c>); off by default. Even then only packages signed by a key in
    /// <see cref="TrustStorePath"/> are installed: the web never accepts an unsigned one.
    /// </summary>
    public bool AllowPluginInstall { get; init; }

    /// <summary>The trust store that web installs verify packages against (the CLI's <c>--trust</c>).</summary>
    public string? TrustStorePath { get; init; }

    /// <summary>Folder of the default plan templates (next to the CLI).</summary>
    public required string TemplatesFolder { get; init; }

    /// <summary>The folder the server owns: uploads and batch outputs live under it, with generated names.</summary>
    public required string DataFolder { get; init; }

    /// <summary>The record store file, for saving, history and comparison.</summary>
    public required string StorePath { get; init; }

    /// <summary>Largest accepted upload, in bytes.</summary>
    public long MaxUploadBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Evaluations kept in memory (the oldest is dropped first).</summary>
    public int MaxEvaluations { get; init; } = 200;

    /// <summary>Batches kept (their output folders are deleted when dropped).</summary>
    public int MaxBatches { get; init; } = 20;

    /// <summary>
    /// The province portal (<c>ntm serve --portal</c>): accounts, roles, submission and review; null
    /// keeps the single-user application of one officer's computer (loopback, no accounts).
    /// </summary>
    public Portal.PortalOptions? Portal { get; init; }

    /// <summary>Whether request logs are written (off in tests).</summary>
    public bool Quiet { get; init; }
}
