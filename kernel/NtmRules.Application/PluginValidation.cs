using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Application.Localization;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;

namespace NtmRules.Application;

/// <summary>A plugin folder checked as the host would load it, plus its test cases.</summary>
/// <param name="Report">The candidate's load report.</param>
/// <param name="Problems">Every problem: the load's, an installed plugin with the same id, the test cases'.</param>
public sealed record PluginValidation(PluginLoadReport Report, IReadOnlyList<Problem> Problems)
{
    /// <summary>Errors.</summary>
    public int Errors => Problems.Count(p => p.Severity == Severity.Error);

    /// <summary>Warnings.</summary>
    public int Warnings => Problems.Count - Errors;

    /// <summary>No error (warnings allowed): the host loads it.</summary>
    public bool Valid => Errors == 0;
}

/// <summary><c>ntm plugin validate</c>: one plugin folder checked against the installed plugins.</summary>
public static class PluginValidator
{
    /// <summary>
    /// The validation of the candidate of <paramref name="candidateHost"/> (a host made by
    /// <see cref="PluginHost.LoadCandidate"/> over the plugins installed in <paramref name="installedRoot"/>).
    /// </summary>
    public static PluginValidation Validate(PluginHost candidateHost, string installedRoot)
    {
        var report = candidateHost.Candidate ?? throw new ArgumentException("not a host made by PluginHost.LoadCandidate", nameof(candidateHost));
        var problems = report.Problems.ToList();
        if (report.Plugin is { } candidate) problems.AddRange(SameIdInstalled(candidate, installedRoot));
        problems.AddRange(PluginTestCases.Check(report, candidateHost));
        return new PluginValidation(report, problems);
    }

    /// <summary>
    /// The candidate is checked in place of an installed plugin with its id (so its sets are not
    /// reported as clashing with themselves); say so, since installing it beside that folder rather
    /// than over it would make the host refuse both.
    /// </summary>
    internal static IEnumerable<Problem> SameIdInstalled(PluginInfo candidate, string installedRoot)
    {
        if (!Directory.Exists(installedRoot)) yield break;
        foreach (var dir in Directory.GetDirectories(installedRoot).Order(StringComparer.Ordinal))
        {
            if (string.Equals(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar), candidate.Folder, StringComparison.Ordinal)) continue;
            if (PluginManifest.Peek(dir) is { } manifest && manifest.Id == candidate.Id)
                yield return new Problem(Severity.Warning,
                    MessageText.Format(ApplicationMessages.SameIdInstalled, manifest.Id, dir, manifest.Version),
                    Path.Combine(candidate.Folder, PluginManifest.FileName), Field: "id");
        }
    }
}
