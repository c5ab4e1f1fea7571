using Newtonsoft.Json.Linq;
using RulesEngine.Models;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Reads a RulesEngine workflow file into RulesEngine's own model, ignoring the case of property
/// names (RulesEngine's own reader is case-sensitive) and reporting problems with positions. Each
/// rule and param carries where it was written (<see cref="LocatedRule"/>, <see cref="LocatedParam"/>).
/// </summary>
internal static class WorkflowReader
{
    private static readonly HashSet<string> RuleFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "RuleName", "Expression", "LocalParams", "Rules", "Operator", "ErrorMessage", "SuccessEvent", "Enabled", "RuleExpressionType", "Properties",
    };

    public static Workflow? Read(JToken token, JsonFields f)
    {
        var root = f.Object(token, LoadingMessages.WhatWorkflowFile);
        if (root is null) return null;
        var name = f.String(root, "WorkflowName");
        foreach (var p in root.Properties())
        {
            if (p.Name.Equals("WorkflowsToInject", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("WorkflowRulesToInject", StringComparison.OrdinalIgnoreCase))
                f.Error(p, LoadingMessages.WorkflowInjection);
            else if (!p.Name.Equals("$schema", StringComparison.OrdinalIgnoreCase) && !new[] { "WorkflowName", "Rules", "GlobalParams", "RuleExpressionType" }.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                f.Warn(p, MessageText.Format(LoadingMessages.UnknownWorkflowField, p.Name));
        }
        CheckExpressionType(root, f);
        var rules = ReadRules(f.Array(root, "Rules"), f);
        return new Workflow
        {
            WorkflowName = name,
            GlobalParams = ReadParams(f.Array(root, "GlobalParams", required: false), f),
            Rules = rules,
        };
    }

    private static List<Rule> ReadRules(JArray? array, JsonFields f)
    {
        var rules = new List<Rule>();
        if (array is null) return rules;
        foreach (var item in array)
        {
            if (f.Object(item, LoadingMessages.WhatRule) is not { } o) continue;
            foreach (var p in o.Properties())
            {
                if (p.Name.Equals("WorkflowsToInject", StringComparison.OrdinalIgnoreCase)) f.Error(p, LoadingMessages.RuleInjection);
                else if (p.Name.Equals("Actions", StringComparison.OrdinalIgnoreCase)) f.Error(p, LoadingMessages.RuleActions);
                else if (!RuleFields.Contains(p.Name)) f.Warn(p, MessageText.Format(LoadingMessages.UnknownRuleField, p.Name));
            }
            CheckExpressionType(o, f);
            var children = JsonFields.Get(o, "Rules") is JArray childArray ? ReadRules(childArray, f) : null;
            var op = f.String(o, "Operator", required: false);
            if (op is not null && op is not ("And" or "AndAlso" or "Or" or "OrElse"))
                f.Error(JsonFields.Get(o, "Operator"), MessageText.Format(LoadingMessages.RuleOperator, op));
            var rule = new LocatedRule
            {
                RuleName = f.String(o, "RuleName"),
                Expression = children is null ? f.String(o, "Expression") : f.String(o, "Expression", required: false),
                LocalParams = ReadParams(f.Array(o, "LocalParams", required: false), f),
                Rules = children,
                Operator = op,
                ErrorMessage = f.String(o, "ErrorMessage", required: false),
                SuccessEvent = f.String(o, "SuccessEvent", required: false),
                Enabled = CheckEnabled(o, f),
                RuleExpressionType = RuleExpressionType.LambdaExpression,
                Source = new SourceLocation(f.File, o),
            };
            rules.Add(rule);
        }
        return rules;
    }

    private static List<ScopedParam> ReadParams(JArray? array, JsonFields f)
    {
        var list = new List<ScopedParam>();
        if (array is null) return list;
        foreach (var item in array)
        {
            if (f.Object(item, LoadingMessages.WhatParameter) is not { } o) continue;
            var name = f.String(o, "Name");
            var expression = f.String(o, "Expression");
            if (name is null || expression is null) continue;
            list.Add(new LocatedParam { Name = name, Expression = expression, Source = new SourceLocation(f.File, o) });
        }
        return list;
    }

    /// <summary>
    /// Refuses <c>"Enabled": false</c>: RulesEngine's executor skips a disabled rule (and then fails
    /// looking up its result) while a verdict needs every indicator's rule, so a disabled rule
    /// cannot mean the same in both executors. A province drops an indicator with <c>remove</c>.
    /// </summary>
    private static bool CheckEnabled(JObject o, JsonFields f)
    {
        if (f.Bool(o, "Enabled", required: false) != false) return true;
        f.Error(JsonFields.Get(o, "Enabled"), LoadingMessages.EnabledFalse);
        return true;
    }

    private static void CheckExpressionType(JObject o, JsonFields f)
    {
        var t = f.String(o, "RuleExpressionType", required: false);
        if (t is not null && t != "LambdaExpression")
            f.Error(JsonFields.Get(o, "RuleExpressionType"), MessageText.Format(LoadingMessages.ExpressionType, t));
    }
}
