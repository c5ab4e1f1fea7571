using NtmRules.Kernel.Localization;
using NtmRules.Drafting.Localization;
using System.Text.RegularExpressions;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;
using Newtonsoft.Json.Linq;

namespace NtmRules.Drafting.Library;

/// <summary>
/// Reads one <c>templates/library.json</c>, reporting every problem at its line and column:
/// unknown roles, plans and efforts, empty or placeholder texts, a code given twice for one set.
/// </summary>
internal static partial class LibraryFileReader
{
    public sealed record RawEntry(string? Lead, IReadOnlyList<string>? Support, bool? BeyondCommune, string? Request,
        IReadOnlyList<GuidanceText>? Causes, IReadOnlyList<GuidanceText>? Measures);

    public sealed record LibraryFile(IReadOnlyDictionary<string, CommuneRole> Roles, IReadOnlyDictionary<(string Set, string Code), RawEntry> Entries)
    {
        /// <summary>Role key → the commune office holding it since 1 July 2025 (<c>offices</c>).</summary>
        public IReadOnlyDictionary<string, string> Offices { get; init; } = new Dictionary<string, string>();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();

    public static LibraryFile Read(JToken root, JsonFields f)
    {
        var entries = new Dictionary<(string, string), RawEntry>();
        var roles = new Dictionary<string, CommuneRole>(StringComparer.Ordinal);
        var offices = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.Object(root, DraftingMessages.LibraryWhat) is not { } o) return new LibraryFile(roles, entries);
        if (f.String(o, "format") is { } format && format != DraftingLibrary.Format)
            f.Error(JsonFields.Get(o, "format"), MessageText.Format(DraftingMessages.LibraryUnknownFormat, format, DraftingLibrary.Format));
        ReadRoles(o, f, roles);
        var plans = ReadPlans(o, f);
        var known = new HashSet<string>(CommuneRoles.Defaults.Keys.Concat(roles.Keys), StringComparer.Ordinal);
        ReadOffices(o, f, known, offices);
        foreach (var token in f.Array(o, "entries") ?? [])
        {
            if (f.Object(token, DraftingMessages.EntryWhat) is not { } e) continue;
            var entry = ReadEntry(e, f, known, plans);
            if (JsonFields.Get(e, "indicators") is not { } codes) { f.Missing(e, "indicators"); continue; }
            var indicators = f.Object(codes, DraftingMessages.IndicatorsWhat);
            foreach (var p in indicators?.Properties() ?? [])
            {
                if (p.Value.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)p.Value)) { f.Error(p.Value, DraftingMessages.IndicatorCodeNotString); continue; }
                if (!entries.TryAdd((p.Name, (string)p.Value!), entry)) f.Error(p.Value, MessageText.Format(DraftingMessages.IndicatorTwoEntries, (string)p.Value!, p.Name));
            }
        }
        return new LibraryFile(roles, entries) { Offices = offices };
    }

    /// <summary><c>offices</c>: role key → the commune office (since 1 July 2025) that holds the role, e.g. "Phòng Kinh tế, Hạ tầng và Đô thị".</summary>
    private static void ReadOffices(JObject o, JsonFields f, HashSet<string> roles, Dictionary<string, string> offices)
    {
        if (JsonFields.Get(o, "offices") is not { } token) return;
        foreach (var p in f.Object(token, DraftingMessages.OfficesWhat)?.Properties() ?? [])
        {
            if (!roles.Contains(p.Name)) f.Error(p, MessageText.Format(DraftingMessages.UnknownRoleNamed, p.Name, string.Join(", ", roles.Order(StringComparer.Ordinal))));
            else if (p.Value.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)p.Value)) f.Error(p.Value, MessageText.Format(DraftingMessages.OfficeEmpty, p.Name));
            else offices[p.Name] = ((string)p.Value!).Normalize(System.Text.NormalizationForm.FormC);
        }
    }

    private static void ReadRoles(JObject o, JsonFields f, Dictionary<string, CommuneRole> roles)
    {
        if (JsonFields.Get(o, "roles") is not { } token) return;
        foreach (var p in f.Object(token, DraftingMessages.RolesWhat)?.Properties() ?? [])
        {
            if (!KeyPattern().IsMatch(p.Name)) f.Error(p, MessageText.Format(DraftingMessages.RoleKeyForm, p.Name));
            else if (p.Value.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)p.Value)) f.Error(p.Value, MessageText.Format(DraftingMessages.RoleLabelEmpty, p.Name));
            else roles[p.Name] = new CommuneRole(p.Name, ((string)p.Value!).Normalize(System.Text.NormalizationForm.FormC));
        }
    }

    private static Dictionary<string, string> ReadPlans(JObject o, JsonFields f)
    {
        var plans = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in f.Object(JsonFields.Get(o, "plans") ?? new JObject(), DraftingMessages.PlansWhat)?.Properties() ?? [])
        {
            if (p.Value.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)p.Value)) f.Error(p.Value, MessageText.Format(DraftingMessages.PlanNameEmpty, p.Name));
            else plans[p.Name] = ((string)p.Value!).Normalize(System.Text.NormalizationForm.FormC);
        }
        return plans;
    }

    private static RawEntry ReadEntry(JObject e, JsonFields f, HashSet<string> roles, Dictionary<string, string> plans)
    {
        string? Role(JToken? t)
        {
            if (t is null) return null;
            if (t.Type == JTokenType.String && roles.Contains((string)t!)) return (string)t!;
            f.Error(t, MessageText.Format(DraftingMessages.UnknownRole, t, string.Join(", ", roles.Order(StringComparer.Ordinal))));
            return null;
        }
        var lead = Role(JsonFields.Get(e, "lead"));
        var support = f.Array(e, "support", required: false)?.Select(Role).OfType<string>().ToArray();
        var request = f.String(e, "request", required: false);
        return new RawEntry(lead, support, f.Bool(e, "beyondCommune", required: false), request,
            Texts(e, "causes", f, plans, measures: false), Texts(e, "measures", f, plans, measures: true));
    }

    private static GuidanceText[]? Texts(JObject e, string name, JsonFields f, Dictionary<string, string> plans, bool measures)
    {
        if (f.Array(e, name, required: false) is not { } array) return null;
        var texts = new List<GuidanceText>();
        foreach (var token in array)
        {
            if (f.Object(token, MessageText.Format(DraftingMessages.ItemWhat, name)) is not { } t) continue;
            var text = f.String(t, "text");
            var plan = f.String(t, "plan");
            if (plan is not null && !plans.ContainsKey(plan)) { f.Error(JsonFields.Get(t, "plan"), MessageText.Format(DraftingMessages.UnknownPlan, plan)); continue; }
            if (text is null || plan is null) continue;
            if (text.Contains("cần bổ sung", StringComparison.Ordinal)) { f.Error(JsonFields.Get(t, "text"), DraftingMessages.PlaceholderText); continue; }
            var effort = Effort.Season;
            if (measures && f.String(t, "effort", required: false) is { } code && !TryEffort(code, out effort))
            {
                f.Error(JsonFields.Get(t, "effort"), MessageText.Format(DraftingMessages.UnknownEffort, code));
                continue;
            }
            texts.Add(new GuidanceText(text, plans[plan], effort));
        }
        return texts.ToArray();
    }

    private static bool TryEffort(string code, out Effort effort)
    {
        effort = code switch { "quick" => Effort.Quick, "investment" => Effort.Investment, _ => Effort.Season };
        return code is "quick" or "season" or "investment";
    }
}
