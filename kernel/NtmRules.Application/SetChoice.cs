using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Application;

/// <summary>
/// Which criteria set to use: one named, or the one in force chosen from the commune's province and
/// assessment date (or from <see cref="Province"/> and <see cref="On"/>) at <see cref="Level"/>.
/// </summary>
/// <param name="SetId">A set id; null to choose.</param>
/// <param name="Province">When choosing: the province whose set applies (default: the data's).</param>
/// <param name="Level">When choosing: the level (default xã NTM).</param>
/// <param name="On">When choosing: the date the set must be in force on (default: the commune's assessment date, or today).</param>
public sealed record SetChoice(string? SetId, string? Province = null, Level Level = SetChooser.DefaultLevel, DateOnly? On = null)
{
    /// <summary>The set named, or chosen without a name.</summary>
    public static SetChoice Named(string setId) => new(setId);

    /// <summary>The xã NTM set in force for the data's province and date.</summary>
    public static SetChoice Automatic { get; } = new((string?)null);
}

/// <summary>How an adapter says what the choice did: the set chosen, or why none was (its own wording of the candidates).</summary>
public interface ISetChoiceReporter
{
    /// <summary>A set was chosen without being named (the CLI says so on standard error).</summary>
    void Chosen(CriteriaSet set);

    /// <summary>The problem to refuse with when no single set applies.</summary>
    Problem NoneChosen(SetSelection selection);
}

/// <summary>Resolves a <see cref="SetChoice"/> against the loaded plugins.</summary>
public static class SetResolver
{
    /// <summary>
    /// The set <paramref name="choice"/> names, or the one chosen for the commune of <paramref name="dataPath"/>
    /// (when given) or for the choice's province and date.
    /// </summary>
    /// <exception cref="InputException">Unknown set, or no single set applies (<see cref="ISetChoiceReporter.NoneChosen"/>).</exception>
    /// <exception cref="PluginException">The set is in a refused plugin.</exception>
    public static CompiledCriteriaSet Resolve(PluginHost host, SetChoice choice, ISetChoiceReporter reporter, string? dataPath = null, string? displayPath = null)
    {
        if (choice.SetId is { } id) return host.GetSet(id);
        var sets = host.Sets.Select(s => s.Set);
        var selection = dataPath is not null
            ? SetChooser.ForFile(sets, dataPath, displayPath ?? dataPath, choice.Province, choice.On, choice.Level)
            : SetSelector.Choose(sets, choice.Province, choice.On ?? DateOnly.FromDateTime(DateTime.UtcNow), choice.Level);
        if (selection.Chosen is not { } set) throw new InputException(reporter.NoneChosen(selection));
        reporter.Chosen(set);
        return host.GetSet(set.Id);
    }
}
