using NtmRules.Kernel.Localization;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Testing;

namespace NtmRules.Intake.Annex;

/// <summary>What <see cref="AnnexImporter.ImportAsync"/> wrote.</summary>
/// <param name="Folder">The new plugin folder.</param>
/// <param name="PluginId">Its id.</param>
/// <param name="SetId">Its set.</param>
/// <param name="Criteria">Criteria in the annex.</param>
/// <param name="Indicators">Indicators in the annex.</param>
/// <param name="Measures">Measures declared in the annex.</param>
/// <param name="Figures">Threshold figures in the annex.</param>
/// <param name="Cases">Generated test cases, all of which passed.</param>
/// <param name="Coverage">Indicators with a passing and a failing case, and the set's indicator count.</param>
/// <param name="Skipped">Indicators that got no generated case, and why.</param>
public sealed record AnnexImportResult(string Folder, string PluginId, string SetId, int Criteria, int Indicators, int Measures, int Figures, int Cases,
    (int Covered, int Total) Coverage, IReadOnlyList<string> Skipped);

/// <summary>
/// <c>ntm plugin import</c>: an annex table (XLSX or CSV) becomes a data-only plugin — manifest, set,
/// workflow, schemas and test cases at and beside every threshold figure. Nothing is written unless the
/// whole table reads cleanly, the plugin loads as the host loads it, and every generated case passes:
/// the folder is built aside and moved into place at the end.
/// </summary>
public static class AnnexImporter
{
    /// <summary>Imports <paramref name="annexPath"/> into <paramref name="outDir"/>.</summary>
    /// <param name="installed">The installed plugins (the base set of <see cref="AnnexOptions.Extends"/>).</param>
    /// <param name="annexPath">The annex file.</param>
    /// <param name="annexDisplay">Its name in messages.</param>
    /// <param name="options">Plugin id, decision, header.</param>
    /// <param name="outDir">Where the plugin folder goes: absent or empty.</param>
    /// <param name="schemas">A folder holding the JSON Schemas to copy into the plugin, or null for none.</param>
    /// <param name="loadCandidate">Loads a plugin folder against the installed plugins as the host does.</param>
    /// <param name="cancellationToken">Stops the test-case runs.</param>
    /// <exception cref="InputException">A bad cell or option (all of them, by sheet, row and column), or an output folder that is not empty.</exception>
    /// <exception cref="PluginException">The plugin written does not load, or a generated case fails.</exception>
    public static async Task<AnnexImportResult> ImportAsync(PluginHost? installed, string annexPath, string annexDisplay, AnnexOptions options, string outDir,
        string? schemas, Func<string, PluginHost> loadCandidate, CancellationToken cancellationToken = default)
    {
        if (!PluginId.TryParse(options.PluginId.Trim(), out var pluginId))
            throw new InputException(new Problem(Severity.Error, MessageText.Format(AnnexMessages.PluginIdInvalid, options.PluginId, PluginId.Rule), Field: "--id"));
        var baseSet = BaseSet(installed, options.Extends);
        var (content, problems) = AnnexReader.Read(AnnexSource.Open(annexPath, annexDisplay), options, baseSet);
        if (content is null) throw new InputException(problems.Select(p => p.ToProblem()).ToArray());
        var target = Path.GetFullPath(outDir);
        if (File.Exists(target) || Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new InputException(new Problem(Severity.Error, AnnexMessages.OutFolderNotEmpty, outDir, Field: "--out"));
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var work = Path.Combine(parent, "." + Path.GetFileName(target) + ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var writer = new AnnexPluginWriter(content, pluginId, baseSet, schemas);
            writer.Write(work);
            var generator = new AnnexTestCases(content, writer.SetId, KnownMeasures(content, baseSet), NeedsGroup(content, baseSet));
            var cases = generator.Build().ToList();
            var candidate = loadCandidate(work);
            if (candidate.Candidate is not { Loaded: true })
                throw new PluginException(candidate.Candidate?.Problems.Where(p => p.Severity == Severity.Error).ToArray() ?? []);
            cases.AddRange(await new AnnexBoundarySearch(candidate.Evaluator, candidate.GetSet(writer.SetId), generator).BuildAsync(content.Indicators, cancellationToken));
            foreach (var c in cases)
            {
                if (schemas is not null) c.Json.AddFirst(new Newtonsoft.Json.Linq.JProperty("$schema", "../schemas/plugin-test.schema.json"));
                AnnexPluginWriter.WriteJson(Path.Combine(work, PluginTestCaseReader.Folder, c.FileName), c.Json);
            }
            var coverage = await RunCasesAsync(candidate, cases.Count, content.Indicators.Count, cancellationToken);
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.Move(work, target);
            return new AnnexImportResult(target, pluginId.Value, writer.SetId, content.Criteria.Count, content.Indicators.Count, content.Measures.Count,
                content.Indicators.Sum(i => i.Indicator.Threshold.Values.Sum(v => v.AllFigures.Count())), cases.Count, coverage, generator.Skipped);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static CriteriaSet? BaseSet(PluginHost? installed, string? extends)
    {
        if (string.IsNullOrWhiteSpace(extends)) return null;
        if (installed is null) throw new InputException(new Problem(Severity.Error, AnnexMessages.InstalledNotLoaded, Field: "--extends"));
        try
        {
            return installed.GetSet(extends.Trim()).Set;
        }
        catch (NtmException e)
        {
            throw new InputException(e.Problems.Select(p => p.Field == "--set" ? p with { Field = "--extends" } : p).ToArray());
        }
    }

    /// <summary>Runs the generated cases; every one must pass (they are computed from the same figures the rules compare with).</summary>
    private static async Task<(int, int)> RunCasesAsync(PluginHost candidate, int cases, int indicators, CancellationToken cancellationToken)
    {
        if (cases == 0) return (0, indicators);
        var report = await PluginTestRunner.RunAsync(candidate, cancellationToken);
        var failed = report.Cases.Where(c => !c.Passed).ToArray();
        if (failed.Length > 0)
            throw new PluginException(failed.Select(c => new Problem(Severity.Error,
                MessageText.Format(AnnexMessages.GeneratedCaseFailed, c.Case.Name,
                    string.Join("; ", c.Mismatches.Select(m => MessageText.Format(AnnexMessages.CaseMismatch, m.Expected.Code, m.Expected.Status.Label(), m.Actual.Status.Label()))),
                    string.Concat(c.DataErrors.Select(d => "; " + d.Message))),
                c.Case.DisplayFile)).ToArray());
        return (report.Coverage.Sets.Sum(s => s.Covered), report.Coverage.Sets.Sum(s => s.Total));
    }

    private static Dictionary<string, Measure> KnownMeasures(AnnexContent content, CriteriaSet? baseSet) =>
        (baseSet?.Measures ?? []).Where(m => content.Measures.All(a => a.Key != m.Key)).Concat(content.Measures).ToDictionary(m => m.Key, StringComparer.Ordinal);

    /// <summary>Whether the new set needs a commune group on a date: some indicator of it (annex or inherited) is keyed only by group then.</summary>
    private static Func<DateOnly, bool> NeedsGroup(AnnexContent content, CriteriaSet? baseSet)
    {
        var codes = content.Indicators.Select(i => i.Indicator.Code).ToHashSet(StringComparer.Ordinal);
        var all = content.Indicators.Select(i => i.Indicator).Concat((baseSet?.Indicators ?? []).Where(i => !codes.Contains(i.Code))).ToArray();
        return date => all.Any(i => i.Threshold.NeedsGroupOn(date));
    }
}
