using NtmRules.Contracts;

namespace NtmRules.Plugins.CaoBang;

/// <summary>Cao Bằng: QĐ 1465/QĐ-UBND (11/10/2022), xóm NTM (16 criteria) and xóm NTM kiểu mẫu, 2022–2025.</summary>
/// <remarks>
/// Its sets extend or stand beside the national ones; the host resolves inheritance at load. Nothing
/// else is code: the sets and workflows are data (plugin.json, sets/, rules/).
/// </remarks>
public sealed class CaoBangPlugin : ICriteriaPlugin
{
    /// <inheritdoc />
    public string BuiltAgainstContracts => ContractsInfo.Version;

    /// <inheritdoc />
    public string ManifestFile => "plugin.json";

    /// <inheritdoc />
    public IReadOnlyList<Type> ExpressionFunctions => [];
}
