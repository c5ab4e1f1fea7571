using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Records;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>The --store option shared by the record commands.</summary>
internal static class StoreOption
{
    public static Option<string?> Create() => new("--store")
    {
        Description = MessageText.Format(RunMessages.StoreOptionDescription, RecordStore.DefaultPath()),
    };

    /// <summary>The store to open: the option, else <c>NTM_STORE</c>, else the default file; a file path made absolute, a PostgreSQL connection as given.</summary>
    public static string Resolve(string? value) => string.IsNullOrWhiteSpace(value) ? RecordStore.DefaultPath() : StoreLocation.Resolve(value);
}
