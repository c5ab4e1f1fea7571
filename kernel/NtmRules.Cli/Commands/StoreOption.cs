using System.CommandLine;
using NtmRules.Records;

namespace NtmRules.Cli.Commands;

/// <summary>The --store option shared by the record commands.</summary>
internal static class StoreOption
{
    public static Option<string?> Create() => new("--store")
    {
        Description = $"Record store file (default: $NTM_STORE, else {RecordStore.DefaultPath()})",
    };

    public static string Resolve(string? value) => string.IsNullOrWhiteSpace(value) ? RecordStore.DefaultPath() : Path.GetFullPath(value);
}
