using NtmRules.Contracts;

namespace NtmRules.Plugins.ThanhHoa;

/// <summary>Thanh Hóa: QĐ 32/2022/QĐ-UBND (xã NTM) and QĐ 33/2022/QĐ-UBND (xã NTM nâng cao), 2022–2025, extending QĐ 318/QĐ-TTg.</summary>
/// <remarks>
/// Its sets extend or stand beside the national ones; the host resolves inheritance at load. Nothing
/// else is code: the sets and workflows are data (plugin.json, sets/, rules/).
/// </remarks>
public sealed class ThanhHoaPlugin : ICriteriaPlugin
{
    /// <inheritdoc />
    public string BuiltAgainstContracts => ContractsInfo.Version;

    /// <inheritdoc />
    public string ManifestFile => "plugin.json";

    /// <inheritdoc />
    public IReadOnlyList<Type> ExpressionFunctions => [];
}
