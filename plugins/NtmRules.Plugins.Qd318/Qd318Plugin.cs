using NtmRules.Contracts;

namespace NtmRules.Plugins.Qd318;

/// <summary>QĐ 318/QĐ-TTg: the national xã NTM and xã NTM nâng cao sets, 2021–2025.</summary>
public sealed class Qd318Plugin : ICriteriaPlugin
{
    /// <inheritdoc />
    public string BuiltAgainstContracts => ContractsInfo.Version;

    /// <inheritdoc />
    public string ManifestFile => "plugin.json";

    /// <inheritdoc />
    public IReadOnlyList<Type> ExpressionFunctions => [];
}
