using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Intake.Localization;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Testing;

namespace NtmRules.Intake.Thresholds;

/// <summary>A test-case verdict the new figures change.</summary>
/// <param name="Case">The case's name.</param>
/// <param name="File">Its file in the new plugin, relative to the plugin folder.</param>
/// <param name="Code">The indicator.</param>
/// <param name="Before">Status with the installed figures.</param>
/// <param name="After">Status with the new figures.</param>
/// <param name="Expected">What the case expects.</param>
public sealed record VerdictChange(string Case, string File, string Code, IndicatorStatus Before, IndicatorStatus After, IndicatorStatus Expected);

/// <summary>What <see cref="ThresholdApplier.ApplyAsync"/> wrote.</summary>
/// <param name="Folder">The new plugin folder.</param>
/// <param name="PluginId">Its id.</param>
/// <param name="Version">Its version.</param>
/// <param name="SetId">The set holding the checked figures.</param>
/// <param name="Edits">The figures now confirmed.</param>
/// <param name="Cases">How many test cases of the set were run.</param>
/// <param name="Changes">The verdicts of those cases the new figures change.</param>
public sealed record ThresholdApplyResult(string Folder, string PluginId, string Version, string SetId, IReadOnlyList<FigureEdit> Edits, int Cases, IReadOnlyList<VerdictChange> Changes);

/// <summary>
/// Applies a filled verification workbook (<see cref="ThresholdSheet"/>) to a criteria set: every
/// filled row becomes a confirmed figure, and a new version of a data-only plugin is written — the
/// set's own plugin when it is data-only and not bundled with ntm, otherwise a plugin whose set extends
/// the set and overrides the checked indicators. The new plugin is loaded and validated and its test cases are run with
/// the old and the new figures before anything is written; any bad cell or load error writes nothing.
/// </summary>
public static class ThresholdApplier
{
    /// <summary>Suffix of the id of the plugin written for a set bundled with ntm or shipped in a code plugin (its set is named after the original).</summary>
    public const string OverrideSuffix = ".xac-nhan";

    /// <summary>Applies <paramref name="workbookPath"/> to set <paramref name="setId"/> of <paramref name="installed"/> and writes the plugin to <paramref name="outDir"/>.</summary>
    /// <param name="installed">The plugins installed now (the set and its bases).</param>
    /// <param name="setId">The set the workbook was exported from.</param>
    /// <param name="workbookPath">The filled workbook.</param>
    /// <param name="workbookDisplay">The workbook's name in messages.</param>
    /// <param name="outDir">Where the new plugin folder goes: absent or empty.</param>
    /// <param name="loadCandidate">Loads a plugin folder against the installed plugins under the caller's signature policy.</param>
    /// <param name="cancellationToken">Stops the test-case runs.</param>
    /// <exception cref="InputException">A bad cell (all of them, by sheet, row and column), or an output folder that is not empty.</exception>
    /// <exception cref="PluginException">The new plugin does not load.</exception>
    public static async Task<ThresholdApplyResult> ApplyAsync(PluginHost installed, string setId, string workbookPath, string workbookDisplay, string outDir,
        Func<string, PluginHost> loadCandidate, CancellationToken cancellationToken = default)
    {
        var old = installed.GetSet(setId);
        var (edits, problems) = ThresholdEdits.Read(XlsxWorkbookReader.Open(workbookPath, workbookDisplay), old.Set);
        if (problems.Count > 0) throw new InputException(problems.Select(p => p.ToProblem()).ToArray());
        var target = Path.GetFullPath(outDir);
        if (File.Exists(target) || Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new InputException(new Problem(Severity.Error, IntakeMessages.OutputFolderNotEmpty, outDir, Field: "--out"));
        var report = installed.Reports.Single(r => r.SetIds.Contains(setId));
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var work = Path.Combine(parent, "." + Path.GetFileName(target) + ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A new version keeps the plugin's id, so it can only replace a plugin the user may replace: not one
            // with code, and not one bundled with ntm (the copy that ships would clash with it).
            var ownVersion = report.DataOnly && old.Set.Plugin.Signature.Status != PluginSignatureStatus.Bundled;
            var newSetId = ownVersion ? NewVersion(report.Folder, old.Set, edits, work) : OverridePlugin(report.Folder, old.Set, edits, work);
            var candidate = loadCandidate(work);
            if (candidate.Candidate is not { Loaded: true, Plugin: { } plugin })
                throw new PluginException(candidate.Candidate?.Problems.Where(p => p.Severity == Severity.Error).ToArray() ?? []);
            var (cases, changes) = await CompareVerdictsAsync(installed, old, candidate, candidate.GetSet(newSetId), work, cancellationToken);
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.Move(work, target);
            return new ThresholdApplyResult(target, plugin.Id, plugin.Version, newSetId, edits, cases, changes);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The set's own data-only plugin, copied, with the checked figures confirmed and its version raised; unchanged when nothing was checked.</summary>
    private static string NewVersion(string pluginFolder, CriteriaSet set, IReadOnlyList<FigureEdit> edits, string work)
    {
        CopyFolder(pluginFolder, work);
        if (edits.Count == 0) return set.Id;
        var setFile = Path.Combine(work, Path.GetRelativePath(pluginFolder, set.DefinitionFile));
        var root = JObject.Parse(File.ReadAllText(setFile));
        foreach (var group in edits.GroupBy(e => e.Indicator))
            PlaceThreshold(root, group.Key, Edited(group.Key.Threshold, group.ToArray(), set.Decision));
        WriteJson(setFile, root);
        // The version comes from the one manifest reader; the file is edited in place so that its other fields stay as written.
        var version = PluginManifest.ReadFolder(work).Version;
        var manifestFile = Path.Combine(work, PluginManifest.FileName);
        var manifest = JObject.Parse(File.ReadAllText(manifestFile));
        manifest["version"] = NextVersion(version);
        WriteJson(manifestFile, manifest);
        return set.Id;
    }

    /// <summary>A data-only plugin whose one set extends <paramref name="set"/> and overrides the checked indicators, with the set's test cases.</summary>
    private static string OverridePlugin(string pluginFolder, CriteriaSet set, IReadOnlyList<FigureEdit> edits, string work)
    {
        var pluginId = set.Plugin.Id + OverrideSuffix;
        var shortName = set.Id.StartsWith(set.Plugin.Id + ".", StringComparison.Ordinal) ? set.Id[(set.Plugin.Id.Length + 1)..] : set.Id.Split('.')[^1];
        var newSetId = pluginId + "." + shortName;
        Directory.CreateDirectory(Path.Combine(work, "sets"));
        var fileName = shortName + ".json";
        WriteJson(Path.Combine(work, PluginManifest.FileName), new PluginManifest(pluginId,
            $"Ngưỡng đã đối chiếu với Quyết định số {set.Decision.Number} cho bộ {set.Id}", set.Plugin.Version, set.Decision.Authority, ["sets/" + fileName]).ToJson());
        var overrides = new JObject();
        foreach (var group in edits.GroupBy(e => e.Indicator))
            overrides[group.Key.Code] = new JObject { ["threshold"] = ThresholdJson.Threshold(Edited(group.Key.Threshold, group.ToArray(), set.Decision)) };
        WriteJson(Path.Combine(work, "sets", fileName), new JObject
        {
            ["id"] = newSetId,
            ["extends"] = new JObject { ["set"] = set.Id, ["inheritedValues"] = "unchanged" },
            ["name"] = set.Name,
            ["level"] = set.Level.Code(),
            ["decision"] = new JObject
            {
                ["number"] = set.Decision.Number,
                ["date"] = set.Decision.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["authority"] = set.Decision.Authority,
                ["title"] = set.Decision.Title,
            },
            ["effective"] = Effective(set.Effective),
            ["override"] = overrides,
        });
        CopyCases(pluginFolder, set.Id, newSetId, work);
        return newSetId;
    }

    /// <summary><paramref name="t"/> with the edited figures confirmed from <paramref name="decision"/>.</summary>
    internal static Threshold Edited(Threshold t, IReadOnlyList<FigureEdit> edits, LegalDecision decision) =>
        new(t.Operator, t.Values.Select(v =>
        {
            var mine = edits.Where(e => e.Value.From == v.From).ToArray();
            if (mine.Length == 0) return v;
            ThresholdFigure Confirmed(FigureEdit? e, ThresholdFigure figure) => e is null ? figure
                : new ThresholdFigure(e.NewValue, ThresholdProvenance.Confirmed(
                    $"Quyết định số {decision.Number} ngày {decision.Date:dd/MM/yyyy} của {decision.Authority} (đối chiếu: {e.CheckedBy}, ngày {e.CheckedOn:dd/MM/yyyy})",
                    e.Location, e.Quote));
            ThresholdFigure Figure(Region? region, ThresholdFigure figure) => Confirmed(mine.FirstOrDefault(e => e.Group is null && e.Region == region), figure);
            ThresholdFigure GroupFigure(CommuneGroup group, ThresholdFigure figure) => Confirmed(mine.FirstOrDefault(e => e.Group == group), figure);
            var citation = v.Citation.Decision == decision.Number ? v.Citation : new Citation(decision.Number, null, v.Citation.Item);
            return new ThresholdValue(v.From, v.General is null ? null : Figure(null, v.General), v.ByRegion.ToDictionary(kv => kv.Key, kv => Figure(kv.Key, kv.Value)), citation,
                v.ByGroup.ToDictionary(kv => kv.Key, kv => GroupFigure(kv.Key, kv.Value)));
        }));

    /// <summary>Puts <paramref name="threshold"/> where the set file states the indicator's threshold, or adds an override for an inherited one.</summary>
    private static void PlaceThreshold(JObject root, Indicator indicator, Threshold threshold)
    {
        var json = ThresholdJson.Threshold(threshold);
        var own = (root["criteria"] as JArray ?? []).OfType<JObject>()
            .SelectMany(c => (c["indicators"] as JArray ?? []).Concat(c["add"] as JArray ?? []).OfType<JObject>())
            .FirstOrDefault(i => (string?)i["code"] == indicator.Code);
        if (own is not null) { own["threshold"] = json; return; }
        var baseCode = indicator.Origin?.BaseCode ?? indicator.Code;
        if (root["override"] is not JObject overrides) root["override"] = overrides = new JObject();
        if (overrides[baseCode] is not JObject entry) overrides[baseCode] = entry = new JObject();
        entry["threshold"] = json;
    }

    private static async Task<(int Cases, IReadOnlyList<VerdictChange> Changes)> CompareVerdictsAsync(PluginHost installed, CompiledCriteriaSet old,
        PluginHost candidate, CompiledCriteriaSet updated, string work, CancellationToken cancellationToken)
    {
        var warnings = new List<Problem>();
        var cases = PluginTestCaseReader.ReadAll(work, candidate.Sets.ToDictionary(s => s.Set.Id, s => s.Set, StringComparer.Ordinal), warnings)
            .Where(c => c.SetId == updated.Set.Id).ToArray();
        var changes = new List<VerdictChange>();
        foreach (var c in cases)
        {
            var before = (await installed.Evaluator.EvaluateAsync(old, c.Data, cancellationToken)).Indicators.ToDictionary(i => i.Indicator.Code, StringComparer.Ordinal);
            var after = (await candidate.Evaluator.EvaluateAsync(updated, c.Data, cancellationToken)).Indicators.ToDictionary(i => i.Indicator.Code, StringComparer.Ordinal);
            foreach (var e in c.Expect)
            {
                if (before.TryGetValue(e.Code, out var b) && after.TryGetValue(e.Code, out var a) && a.Status != b.Status)
                    changes.Add(new VerdictChange(c.Name, Path.GetRelativePath(work, c.File).Replace('\\', '/'), e.Code, b.Status, a.Status, e.Status));
            }
        }
        return (cases.Length, changes);
    }

    /// <summary>The set's test cases, retargeted to the new set, with the data files they read.</summary>
    private static void CopyCases(string pluginFolder, string setId, string newSetId, string work)
    {
        var tests = Path.Combine(pluginFolder, PluginTestCaseReader.Folder);
        if (!Directory.Exists(tests)) return;
        var copied = false;
        foreach (var file in Directory.GetFiles(tests, PluginTestCaseReader.Pattern).Order(StringComparer.Ordinal))
        {
            var doc = JObject.Parse(File.ReadAllText(file));
            if ((string?)doc["set"] != setId) continue;
            doc["set"] = newSetId;
            Directory.CreateDirectory(Path.Combine(work, PluginTestCaseReader.Folder));
            WriteJson(Path.Combine(work, PluginTestCaseReader.Folder, Path.GetFileName(file)), doc);
            copied = true;
        }
        var data = Path.Combine(tests, "data");
        if (copied && Directory.Exists(data)) CopyFolder(data, Path.Combine(work, PluginTestCaseReader.Folder, "data"));
    }

    private static JObject Effective(EffectivePeriod p)
    {
        var o = new JObject { ["from"] = p.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (p.To is { } to) o["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return o;
    }

    /// <summary>"1.0.0" → "1.0.1": a new version of the same plugin.</summary>
    internal static string NextVersion(string version)
    {
        var parts = version.Split('.');
        return parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var patch)
            ? $"{parts[0]}.{parts[1]}.{patch + 1}"
            : version + ".1";
    }

    private static void WriteJson(string path, JObject o)
    {
        var text = new StringWriter { NewLine = "\n" };
        using (var w = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 }) o.WriteTo(w);
        File.WriteAllText(path, text + "\n");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
