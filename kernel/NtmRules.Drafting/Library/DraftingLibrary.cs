using System.Runtime.CompilerServices;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;

namespace NtmRules.Drafting.Library;

/// <summary>How much work a measure is, which decides when it falls due when the commune gives no date.</summary>
public enum Effort
{
    /// <summary>Administrative work, propaganda, records (<c>quick</c>): the first quarter of the plan.</summary>
    Quick,
    /// <summary>A campaign over a season (<c>season</c>): the middle of the plan.</summary>
    Season,
    /// <summary>Construction or purchase that needs money (<c>investment</c>): the end of the plan.</summary>
    Investment,
}

/// <summary>A cause or a measure of the library, with the real plan whose practice it paraphrases.</summary>
/// <param name="Text">The sentence, in the register of the communes' plans.</param>
/// <param name="Source">The plan it draws on, by its own title and issuer.</param>
/// <param name="Effort">How much work (measures only).</param>
public sealed record GuidanceText(string Text, string Source, Effort Effort = Effort.Season);

/// <summary>
/// What the library says about one indicator of one set, resolved through the set's bases:
/// typical causes, concrete measures, the commune role that leads and those that support, and
/// whether the work is beyond the commune's means (then it asks the level above for support).
/// </summary>
/// <param name="Lead">Chủ trì.</param>
/// <param name="Support">Phối hợp.</param>
/// <param name="BeyondCommune">The commune asks the level above for support.</param>
/// <param name="Request">What it asks for, e.g. "hỗ trợ kinh phí xây dựng phòng học".</param>
/// <param name="Causes">Typical causes.</param>
/// <param name="Measures">Concrete measures.</param>
public sealed record IndicatorGuidance(
    CommuneRole Lead, IReadOnlyList<CommuneRole> Support, bool BeyondCommune, string? Request,
    IReadOnlyList<GuidanceText> Causes, IReadOnlyList<GuidanceText> Measures)
{
    /// <summary>The largest effort among the measures (season when there are none).</summary>
    public Effort Effort => Measures.Count == 0 ? Effort.Season : Measures.Max(m => m.Effort);
}

/// <summary>
/// The drafting library: per plugin, a <c>templates/library.json</c> (<c>ntm.drafting-library/1</c>)
/// giving, per set and indicator, typical causes and measures written from the practice of real
/// plans, and the commune roles that carry them out. The national plugin ships the library of the
/// national sets; a province's plugin overrides any field for its own sets (and renames or adds
/// roles). Format: <c>docs/drafting-library.md</c>.
/// </summary>
public sealed class DraftingLibrary
{
    /// <summary>File name of a plugin's library, in its <c>templates/</c> folder.</summary>
    public const string FileName = "library.json";

    /// <summary>The format string the file declares.</summary>
    public const string Format = "ntm.drafting-library/1";

    private readonly Dictionary<string, LibraryFileReader.LibraryFile> _byPlugin = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>
    /// The guidance resolved for each set object, made once: every draft asked for its set's guidance again, and
    /// a fresh copy also defeated <see cref="SetGuidance.AsOf"/>'s per-guidance cache. Keyed by reference (a reloaded
    /// set is a new object) and replaced whenever a library file is read, so that nothing resolved from the old
    /// file is handed out after it.
    /// </summary>
    private ConditionalWeakTable<CriteriaSet, SetGuidance> _resolved = new();


    /// <summary>Reads and checks the plugin's library file, if it has one; problems name file, line and column.</summary>
    public IEnumerable<Problem> Check(PluginInfo plugin)
    {
        var file = Path.Combine(plugin.Folder, "templates", FileName);
        if (!File.Exists(file)) return [];
        var problems = new List<Problem>();
        var root = JsonDocumentReader.Load(file, file, problems);
        if (root is null) return problems;
        var library = LibraryFileReader.Read(root, new JsonFields(file, problems));
        // The shipped schema states the format; what the reader already reported at a place is not said twice.
        FormatSchemas.Merge(FormatSchemas.Validate(FormatSchema.DraftingLibrary, root, file), problems, file);
        if (problems.All(p => p.Severity != Severity.Error))
        {
            lock (_gate)
            {
                _byPlugin[plugin.Id] = library;
                _resolved = new();
            }
        }
        return problems;
    }

    /// <summary>The guidance for every indicator of <paramref name="set"/> that any library in its chain of bases covers, by code.</summary>
    public SetGuidance For(CriteriaSet set)
    {
        ConditionalWeakTable<CriteriaSet, SetGuidance> resolved;
        lock (_gate) resolved = _resolved;
        return resolved.GetValue(set, Resolve);
    }

    private SetGuidance Resolve(CriteriaSet set)
    {
        var chain = new List<(string Plugin, string Set)> { (set.Plugin.Id, set.Id) };
        chain.AddRange(set.Bases.Select(b => (b.Plugin.Id, b.SetId)));
        LibraryFileReader.LibraryFile?[] libraries;
        lock (_gate) libraries = chain.Select(c => _byPlugin.GetValueOrDefault(c.Plugin)).ToArray();

        // Roles: the defaults, renamed or extended by the farthest base first and the set's own plugin last.
        var roles = new Dictionary<string, CommuneRole>(CommuneRoles.Defaults, StringComparer.Ordinal);
        var offices = new Dictionary<string, string>(CommuneRoles.Offices, StringComparer.Ordinal);
        foreach (var library in libraries.Reverse().OfType<LibraryFileReader.LibraryFile>())
        {
            foreach (var (key, role) in library.Roles) roles[key] = role;
            foreach (var (key, office) in library.Offices) offices[key] = office;
        }
        var guidance = new Dictionary<string, IndicatorGuidance>(StringComparer.Ordinal);
        foreach (var indicator in set.Indicators)
        {
            var entries = chain.Select((c, i) => libraries[i]?.Entries.GetValueOrDefault((c.Set, indicator.Code))).OfType<LibraryFileReader.RawEntry>().ToArray();
            if (entries.Length == 0) continue;
            // The nearest set that says something about a field wins for that field.
            T? First<T>(Func<LibraryFileReader.RawEntry, T?> field) where T : class => entries.Select(field).FirstOrDefault(v => v is not null);
            var lead = First(e => e.Lead) ?? CommuneRoles.Fallback;
            guidance[indicator.Code] = new IndicatorGuidance(
                Role(roles, lead),
                (First(e => e.Support) ?? []).Select(k => Role(roles, k)).ToArray(),
                entries.Select(e => e.BeyondCommune).FirstOrDefault(v => v is not null) ?? false,
                First(e => e.Request),
                First(e => e.Causes) ?? [],
                First(e => e.Measures) ?? []);
        }
        return new SetGuidance(guidance, Role(roles, CommuneRoles.Fallback)) { Offices = offices };
    }

    // A key no library defines cannot reach here: the reader refuses it unless the file or the defaults define it.
    private static CommuneRole Role(Dictionary<string, CommuneRole> roles, string key) =>
        roles.TryGetValue(key, out var role) ? role : new CommuneRole(key, key);
}

/// <summary>The library resolved for one set.</summary>
/// <param name="ByCode">Guidance by indicator code.</param>
/// <param name="FallbackLead">Who leads an indicator the library does not cover.</param>
public sealed record SetGuidance(IReadOnlyDictionary<string, IndicatorGuidance> ByCode, CommuneRole FallbackLead)
{
    /// <summary>Role key → the commune office that holds it in plans dated from <see cref="CommuneRoles.OfficesFrom"/>.</summary>
    public IReadOnlyDictionary<string, string> Offices { get; init; } = CommuneRoles.Offices;

    /// <summary>
    /// The guidance as a plan dated <paramref name="planDate"/> assigns it: from 1 July 2025 each role
    /// is named by the commune office that holds it, and a supporting role that falls to the leading
    /// office (or twice to one office) is named once.
    /// </summary>
    public SetGuidance AsOf(DateOnly planDate) =>
        planDate < CommuneRoles.OfficesFrom ? this : ByOffice.GetValue(this, static g => g.NamedByOffice());

    /// <summary>
    /// Each guidance's office-named copy, made once: it depends on nothing but the guidance, and rebuilding
    /// it for every commune of a province was a tenth of a draft's model. Keyed by reference, so a record
    /// equal to another still gets its own copy, and dropped with the guidance.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SetGuidance, SetGuidance> ByOffice = new();

    private SetGuidance NamedByOffice()
    {
        CommuneRole Office(CommuneRole r) => Offices.TryGetValue(r.Key, out var label) ? r with { Label = label } : r;
        var byCode = ByCode.ToDictionary(kv => kv.Key, kv =>
        {
            var lead = Office(kv.Value.Lead);
            var support = kv.Value.Support.Select(Office).Where(r => r.Label != lead.Label).DistinctBy(r => r.Label).ToArray();
            return kv.Value with { Lead = lead, Support = support };
        }, StringComparer.Ordinal);
        return this with { ByCode = byCode, FallbackLead = Office(FallbackLead) };
    }

    /// <summary>The guidance for <paramref name="code"/>, or null.</summary>
    public IndicatorGuidance? For(string code) => ByCode.GetValueOrDefault(code);
}
