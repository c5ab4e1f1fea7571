namespace NtmRules.Contracts;

/// <summary>
/// The entry point of a criteria-set plugin: the one type the host looks for in a plugin
/// assembly. A plugin is data first (its manifest, criteria sets and workflows are files in
/// its folder); the assembly tells the host where they are and which functions, if any, the
/// plugin's rule expressions may call.
/// </summary>
/// <remarks>
/// Implementations must have a public parameterless constructor and must not do work in it:
/// the host creates one instance per plugin folder.
/// </remarks>
public interface ICriteriaPlugin
{
    /// <summary>
    /// The contracts version the plugin was compiled against. Return
    /// <see cref="ContractsInfo.Version"/>: being a constant, it is baked into the plugin at
    /// build time, so the host can refuse a plugin built against other contracts instead of
    /// failing later with a type mismatch.
    /// </summary>
    string BuiltAgainstContracts { get; }

    /// <summary>Path of the plugin manifest (<c>plugin.json</c>), relative to the plugin folder.</summary>
    string ManifestFile { get; }

    /// <summary>
    /// Static classes whose public static methods rule expressions may call, in addition to
    /// the kernel's own functions. Each must be a static class whose methods take and return
    /// only numbers, booleans or strings; the host refuses anything else. Usually empty.
    /// </summary>
    IReadOnlyList<Type> ExpressionFunctions { get; }
}
