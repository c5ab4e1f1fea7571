using Newtonsoft.Json;
using RulesEngine.Models;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// A rule as <see cref="WorkflowReader"/> read it: RulesEngine's own rule (so the engine and the
/// host's compiler take it as it is) carrying where it was written. A rule inherited from a base
/// set keeps the location in the base's workflow file.
/// </summary>
internal sealed class LocatedRule : Rule
{
    /// <summary>Where the rule was written.</summary>
    [JsonIgnore]
    [System.Text.Json.Serialization.JsonIgnore]
    public required SourceLocation Source { get; init; }
}

/// <summary>A global or local param as <see cref="WorkflowReader"/> read it, carrying where it was written.</summary>
internal sealed class LocatedParam : ScopedParam
{
    /// <summary>Where the param was written.</summary>
    [JsonIgnore]
    [System.Text.Json.Serialization.JsonIgnore]
    public required SourceLocation Source { get; init; }
}
