using NtmRules.Contracts;

namespace NtmRules.Plugins.LangSon;

/// <summary>Lạng Sơn: QĐ 1494/QĐ-UBND (14/9/2022), xã NTM, nâng cao and kiểu mẫu 2022–2025, extending QĐ 318/QĐ-TTg.</summary>
/// <remarks>
/// Its sets extend or stand beside the national ones; the host resolves inheritance at load. Nothing
/// else is code: the sets and workflows are data (plugin.json, sets/, rules/).
/// </remarks>
public sealed class LangSonPlugin : ICriteriaPlugin
{
    /// <inheritdoc />
    public string BuiltAgainstContracts => ContractsInfo.Version;

    /// <inheritdoc />
    public string ManifestFile => "plugin.json";

    /// <inheritdoc />
    public IReadOnlyList<Type> ExpressionFunctions => [];
}
