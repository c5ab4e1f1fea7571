namespace NtmRules.Contracts;

/// <summary>Version of the host–plugin contract.</summary>
public static class ContractsInfo
{
    /// <summary>
    /// Bumped on any change to the types in this assembly. A plugin reports the value it was
    /// compiled with through <see cref="ICriteriaPlugin.BuiltAgainstContracts"/>.
    /// </summary>
    public const string Version = "1.0.0";
}
