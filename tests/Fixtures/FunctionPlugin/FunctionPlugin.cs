using NtmRules.Contracts;

namespace NtmRules.Tests.FunctionPlugin;

/// <summary>The entry point: the manifest, and one function class its rules call.</summary>
public sealed class FunctionPlugin : ICriteriaPlugin
{
    /// <inheritdoc />
    public string BuiltAgainstContracts => ContractsInfo.Version;

    /// <inheritdoc />
    public string ManifestFile => "plugin.json";

    /// <inheritdoc />
    public IReadOnlyList<Type> ExpressionFunctions => [typeof(HoGiaDinh)];
}

/// <summary>A function the kernel does not have: households per hamlet, rounded to one decimal.</summary>
public static class HoGiaDinh
{
    /// <summary>Households per hamlet; 0 when there is no hamlet.</summary>
    public static double BinhQuanMoiThon(double soHo, double soThon) => soThon <= 0 ? 0 : Math.Round(soHo / soThon, 1);
}
