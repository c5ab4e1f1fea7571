using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Data;

/// <summary>Reads the optional <c>narrative</c> and <c>plan</c> blocks of a commune data file, reporting every mistyped field.</summary>
internal static class NarrativeReader
{
    private static readonly HashSet<string> NarrativeFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "cause", "target", "targetDate", "proposal", "budget", "fundingSource", "leadOffice", "quarter",
    };

    private static readonly HashSet<string> PlanFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "issuingBody", "parentBody", "number", "place", "date", "year", "subject", "legalBases", "signer", "recipients",
    };

    public static Dictionary<string, IndicatorNarrative> ReadNarratives(JToken token, JsonFields f)
    {
        var result = new Dictionary<string, IndicatorNarrative>(StringComparer.Ordinal);
        if (f.Object(token, DataMessages.WhatNarrative) is not { } o) return result;
        foreach (var p in o.Properties())
        {
            if (f.Object(p.Value, $"narrative.{p.Name}") is not { } n) continue;
            foreach (var field in n.Properties().Where(x => !NarrativeFields.Contains(x.Name)))
                f.Warn(field, MessageText.Format(DataMessages.UnknownNarrativeField, field.Name, string.Join(", ", NarrativeFields)));
            var budget = f.Number(n, "budget", required: false);
            if (budget is < 0) f.Error(JsonFields.Get(n, "budget"), DataMessages.BudgetNegative);
            FundingSource? source = null;
            if (f.String(n, "fundingSource", required: false) is { } code)
            {
                if (FundingSources.TryParse(code, out var s)) source = s;
                else f.Error(JsonFields.Get(n, "fundingSource"), MessageText.Format(DataMessages.UnknownFundingSource, code, string.Join(", ", FundingSources.Codes)));
            }
            int? quarter = null;
            if (JsonFields.Get(n, "quarter") is { } qt)
            {
                if (JsonFields.AsLong(qt) is >= 1 and <= 4) quarter = qt.Value<int>();
                else f.Error(qt, MessageText.Format(DataMessages.QuarterRange, JsonFields.Describe(qt)));
            }
            result[p.Name] = new IndicatorNarrative(
                f.String(n, "cause", false), f.String(n, "target", false), f.Date(n, "targetDate", false), f.String(n, "proposal", false),
                budget is >= 0 ? budget : null, source, f.String(n, "leadOffice", false), quarter);
        }
        return result;
    }

    public static PlanDetails? ReadPlan(JToken token, JsonFields f)
    {
        if (f.Object(token, "'plan'") is not { } o) return null;
        foreach (var field in o.Properties().Where(x => !PlanFields.Contains(x.Name)))
            f.Warn(field, MessageText.Format(DataMessages.UnknownPlanField, field.Name, string.Join(", ", PlanFields)));
        int? year = null;
        if (JsonFields.Get(o, "year") is { } yt)
        {
            if (JsonFields.AsLong(yt) is >= 2000 and <= 2100) year = yt.Value<int>();
            else f.Error(yt, MessageText.Format(DataMessages.PlanYearRange, JsonFields.Describe(yt)));
        }
        Signer? signer = null;
        if (JsonFields.Get(o, "signer") is { } st && f.Object(st, "'plan.signer'") is { } so)
        {
            var authority = f.String(so, "authority");
            var name = f.String(so, "name");
            var position = Strings(f.Array(so, "position", required: false), f, "plan.signer.position");
            if (authority is not null && name is not null) signer = new Signer(authority, position, name);
        }
        return new PlanDetails(
            f.String(o, "issuingBody", false), f.String(o, "parentBody", false), f.String(o, "number", false), f.String(o, "place", false),
            f.Date(o, "date", false), year, f.String(o, "subject", false),
            Strings(f.Array(o, "legalBases", required: false), f, "plan.legalBases"), signer,
            Strings(f.Array(o, "recipients", required: false), f, "plan.recipients"));
    }

    private static List<string> Strings(JArray? array, JsonFields f, string what)
    {
        var list = new List<string>();
        if (array is null) return list;
        foreach (var item in array)
        {
            if (item.Type == JTokenType.String) list.Add(((string)item!).Normalize(System.Text.NormalizationForm.FormC));
            else f.Error(item, MessageText.Format(DataMessages.EntriesMustBeText, what, JsonFields.Describe(item)));
        }
        return list;
    }
}
