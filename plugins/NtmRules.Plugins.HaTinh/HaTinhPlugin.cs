using NtmRules.Contracts;

namespace NtmRules.Plugins.HaTinh;

/// <summary>Hà Tĩnh: QĐ 36/2022/QĐ-UBND (xã NTM, nâng cao, extending QĐ 318/QĐ-TTg) and QĐ 39/2022/QĐ-UBND (khu dân cư NTM kiểu mẫu, 10 criteria).</summary>
/// <remarks>
/// Its sets extend or stand beside the national ones; the host resolves inheritance at load. Nothing
/// else is code: the sets and workflows are data (plugin.json, sets/, rules/).
/// </remarks>
public sealed class HaTinhPlugin : ICriteriaPlugin
{
    /// <inheritdoc />
    public string BuiltAgainstContracts => ContractsInfo.Version;

    /// <inheritdoc />
    public string ManifestFile => "plugin.json";

    /// <inheritdoc />
    public IReadOnlyList<Type> ExpressionFunctions => [];
}
