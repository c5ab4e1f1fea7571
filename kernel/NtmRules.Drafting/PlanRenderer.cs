using NtmRules.Kernel.Localization;
using NtmRules.Drafting.Localization;
using NtmRules.Drafting.Model;
using NtmRules.Kernel.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using System.Text;

namespace NtmRules.Drafting;

/// <summary>
/// Renders a plan model through the templates into Markdown, with the limits an untrusted
/// template needs: strict variables (a misspelled name is an error, not empty text), no relaxed
/// member access, loop, recursion and output limits, includes only of known template names, no
/// clock. A fresh <see cref="TemplateContext"/> per render; parsed templates are shared.
/// </summary>
public static class PlanRenderer
{
    /// <summary>Most iterations any loop of a template may run.</summary>
    public const int LoopLimit = 10_000;

    /// <summary>Deepest include/function recursion.</summary>
    public const int RecursiveLimit = 16;

    /// <summary>Largest output, in characters.</summary>
    public const int OutputLimit = 2_000_000;

    /// <summary>Longest string a template may build, in characters: a whole plan's longest paragraph is a few thousand.</summary>
    public const int StringLimit = 200_000;

    /// <summary>Longest a render may take before it is stopped (a draft renders in milliseconds).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Scriban's builtins without the clock and regular expressions, built once (a copy of all the
    /// builtins per render cost more than the render) and frozen, so that no template can change them
    /// for the next render.
    /// </summary>
    private static readonly ScriptObject Builtins = CreateBuiltins();

    private static ScriptObject CreateBuiltins()
    {
        var builtins = new Scriban.Functions.BuiltinFunctions();
        builtins.Remove("date");     // date.now would make the same data render differently tomorrow
        builtins.Remove("timespan");
        builtins.Remove("regex");    // a pathological pattern could run unbounded, outside the loop limit
        foreach (var member in builtins.Values.OfType<ScriptObject>()) member.IsReadOnly = true;
        builtins.IsReadOnly = true;
        return builtins;
    }

    /// <summary>
    /// Renders <paramref name="plan"/> within <see cref="TimeLimit"/> (or <paramref name="timeLimit"/>),
    /// <see cref="OutputLimit"/> and <see cref="StringLimit"/>. Template failures, limits included, are
    /// <see cref="PluginException"/>s naming the template.
    /// </summary>
    public static string Render(PlanDocument plan, IReadOnlyDictionary<string, Template> templates, TimeSpan? timeLimit = null)
    {
        var limit = timeLimit ?? TimeLimit;
        using var clock = new CancellationTokenSource(limit);
        var context = new PlanTemplateContext(Builtins)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            EnableRelaxedTargetAccess = false,
            EnableRelaxedFunctionAccess = false,
            EnableRelaxedIndexerAccess = false,
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            OutputLimit = OutputLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            LimitToString = StringLimit,
            OnStringLimit = ScriptLimitBehavior.Throw,
            CancellationToken = clock.Token,
            NewLine = "\n",
            TemplateLoader = new NamedTemplateLoader(templates),
        };
        foreach (var (name, template) in templates) context.CachedTemplates[name] = template;
        context.PushOutput(new StringBuilderOutput(OutputBuilder()));
        var globals = new ScriptObject();
        globals.SetValue("plan", plan, readOnly: true);
        var md = new ScriptObject();
        md.SetValue("escape", EscapeFunction.Instance, readOnly: true);
        globals.SetValue("md", md, readOnly: true);
        context.PushGlobal(globals);
        var root = templates[TemplateLibrary.Root];
        try
        {
            return Prose.Nfc(root.Render(context));
        }
        catch (Exception e) when (e is OperationCanceledException || clock.IsCancellationRequested)
        {
            var at = context.CurrentNode?.Span;
            throw new PluginException(new Problem(Severity.Error,
                MessageText.Format(DraftingMessages.TemplateTimedOut, MessageText.Decimal(limit.TotalSeconds)),
                at is { } span ? Where(span, root) : root.SourceFilePath, at?.Start.Line + 1, at?.Start.Column + 1));
        }
        catch (ScriptRuntimeException e)
        {
            throw new PluginException(new Problem(Severity.Error, MessageText.Format(DraftingMessages.TemplateFailed, e.OriginalMessage), Where(e.Span, root), e.Span.Start.Line + 1, e.Span.Start.Column + 1));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new PluginException(new Problem(Severity.Error, MessageText.Format(DraftingMessages.TemplateFailed, e.Message), root.SourceFilePath));
        }
    }

    /// <summary>Largest output builder kept for the next render on the same thread, in characters.</summary>
    private const int KeptOutputCapacity = 1 << 20;

    [ThreadStatic] private static StringBuilder? t_output;

    /// <summary>
    /// The calling thread's output builder, emptied: a plan is tens of thousands of characters, and a
    /// fresh builder grew chunk by chunk to that size for every render. One render at a time uses it
    /// (rendering is synchronous and never renders a plan inside another); a builder that a huge plan
    /// grew is not kept.
    /// </summary>
    private static StringBuilder OutputBuilder()
    {
        if (t_output is null || t_output.Capacity > KeptOutputCapacity) t_output = new StringBuilder(64 << 10);
        return t_output.Clear();
    }

    private static string? Where(SourceSpan span, Template root) => string.IsNullOrEmpty(span.FileName) ? root.SourceFilePath : span.FileName;

    /// <summary>
    /// A template context that shares, across renders and threads, the member accessors of the plan
    /// model's own types. Scriban builds a type's accessor by reflection once per context; with a
    /// fresh context per render that reflection was most of the render's cost. An accessor depends
    /// only on the type and the context's member filter and renamer, which are Scriban's defaults
    /// here and the same for every render, and is read-only once built.
    /// </summary>
    private sealed class PlanTemplateContext(ScriptObject builtins) : TemplateContext(builtins)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IObjectAccessor> ModelAccessors = new();

        protected override IObjectAccessor? GetMemberAccessorImpl(object target)
        {
            var type = target.GetType();
            if (type.Namespace != typeof(PlanDocument).Namespace || type.Assembly != typeof(PlanDocument).Assembly) return base.GetMemberAccessorImpl(target);
            if (ModelAccessors.TryGetValue(type, out var shared)) return shared;
            var accessor = base.GetMemberAccessorImpl(target);
            return accessor is null ? null : ModelAccessors.GetOrAdd(type, new ModelAccessor(accessor, this, target));
        }
    }

    /// <summary>
    /// Scriban's accessor of a plan model type with its property reads compiled: Scriban reads a
    /// property by reflection on every access, and a plan reads a few thousand. Only the members Scriban's
    /// own accessor lists are compiled, each under the name it gives them (the same property, so the
    /// same value); every other question, a write or a name it does not know included, goes to that
    /// accessor, so a template sees exactly what it saw before.
    /// </summary>
    private sealed class ModelAccessor : IObjectAccessor
    {
        private readonly IObjectAccessor _scriban;
        private readonly Dictionary<string, Func<object, object?>> _getters = new(StringComparer.Ordinal);

        public ModelAccessor(IObjectAccessor scriban, TemplateContext context, object sample)
        {
            _scriban = scriban;
            var type = sample.GetType();
            var listed = scriban.GetMembers(context, default, sample).ToHashSet(StringComparer.Ordinal);
            var target = System.Linq.Expressions.Expression.Parameter(typeof(object));
            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public))
            {
                var name = StandardMemberRenamer.Default(property);
                if (property.GetIndexParameters().Length > 0 || !listed.Contains(name) || _getters.ContainsKey(name)) continue;
                var read = System.Linq.Expressions.Expression.Convert(
                    System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(target, type), property), typeof(object));
                _getters[name] = System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(read, target).Compile();
            }
        }

        public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => _scriban.GetMemberCount(context, span, target);

        public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => _scriban.GetMembers(context, span, target);

        public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => _scriban.HasMember(context, span, target, member);

        public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
        {
            if (_getters.TryGetValue(member, out var read))
            {
                value = read(target);
                return true;
            }
            return _scriban.TryGetValue(context, span, target, member, out value);
        }

        public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) =>
            _scriban.TrySetValue(context, span, target, member, value);

        public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value) =>
            _scriban.TryGetItem(context, span, target, index, out value);

        public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) =>
            _scriban.TrySetItem(context, span, target, index, value);

        public bool HasIndexer => _scriban.HasIndexer;

        public Type? IndexType => _scriban.IndexType;
    }

    /// <summary>
    /// <c>md.escape</c>, called directly: Scriban calls a function imported from a delegate through
    /// reflection, and a plan calls this a few hundred times.
    /// </summary>
    private sealed class EscapeFunction : IScriptCustomFunction
    {
        public static readonly EscapeFunction Instance = new();

        public int RequiredParameterCount => 1;

        public int ParameterCount => 1;

        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

        public Type ReturnType => typeof(string);

        public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(string), "text");

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        {
            if (arguments.Count != 1)
                throw new ScriptRuntimeException(callerContext?.Span ?? default, MessageText.Format(DraftingMessages.EscapeArguments, arguments.Count));
            return MarkdownText.Escape(arguments[0] switch
            {
                null => null,
                string text => text,
                var other => context.ObjectToString(other),
            });
        }

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
    }

    /// <summary>Resolves includes by template name only: no paths, so nothing outside the template folders.</summary>
    private sealed class NamedTemplateLoader(IReadOnlyDictionary<string, Template> templates) : ITemplateLoader
    {
        public string? GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            if (templates.ContainsKey(templateName)) return templateName;
            throw new ScriptRuntimeException(callerSpan,
                MessageText.Format(DraftingMessages.IncludeNotTemplate, templateName, string.Join(", ", templates.Keys.Order(StringComparer.Ordinal))));
        }

        public string? Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, MessageText.Format(DraftingMessages.TemplateNotLoaded, templatePath));

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult(Load(context, callerSpan, templatePath));
    }
}
