using FastExpressionCompiler;
using System.Linq.Expressions;
using System.Reflection;
using System.Reflection.Emit;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// Emits, once per criteria set, a plain class with one public field per measure (or per
/// threshold), so that RulesEngine compiles rules against a real type: a misspelled measure is a
/// compile error at load, and evaluation reads fields directly instead of going through an
/// <c>ExpandoObject</c>. The class has no methods an expression could call.
/// </summary>
internal static class InputTypeBuilder
{
    private static readonly ModuleBuilder Module =
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("NtmRules.Inputs"), AssemblyBuilderAccess.Run).DefineDynamicModule("NtmRules.Inputs");

    private static int _counter;

    /// <summary>A built type and fast accessors to its fields.</summary>
    public sealed class InputType
    {
        public required Type Type { get; init; }
        public required Func<object> Create { get; init; }

        /// <summary>Fields by name, to assign a boxed value where that is rare (thresholds, once per region and date).</summary>
        public required IReadOnlyDictionary<string, FieldInfo> Fields { get; init; }

        /// <summary>Assigns a boxed value to the field <paramref name="name"/> (reflection: not for per-commune work).</summary>
        public void Set(object target, string name, object value) => Fields[name].SetValue(target, value);

        /// <summary>
        /// Per field name, a setter taking the value unboxed: filling an instance for every commune
        /// of a province must not allocate a box per measure.
        /// </summary>
        public required IReadOnlyDictionary<string, TypedSetter> TypedSetters { get; init; }
    }

    /// <summary>Assigns a double or a bool field; exactly one of the two delegates is set, by the field's type.</summary>
    public sealed record TypedSetter(Action<object, double>? Number, Action<object, bool>? Flag);

    /// <summary>Builds a type with the given fields (name → double or bool).</summary>
    public static InputType Build(string hint, IEnumerable<(string Name, Type FieldType)> fields)
    {
        var list = fields.ToList();
        Type built;
        // One module for all sets, and sets compile in parallel: Reflection.Emit writes the
        // module's metadata tables, which are not safe to write from two threads.
        lock (Module)
        {
            var tb = Module.DefineType($"{Sanitize(hint)}_{++_counter}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class);
            foreach (var (name, type) in list) tb.DefineField(name, type, FieldAttributes.Public);
            built = tb.CreateType();
        }

        // FastExpressionCompiler, not Expression.Compile: a load builds a setter per measure of every
        // set, and the framework compiler's cost per delegate was a quarter of a cold start.
        var create = Expression.Lambda<Func<object>>(Expression.New(built)).CompileFast();
        var byName = new Dictionary<string, FieldInfo>(StringComparer.Ordinal);
        var typed = new Dictionary<string, TypedSetter>(StringComparer.Ordinal);
        foreach (var (name, type) in list)
        {
            byName[name] = built.GetField(name)!;
            typed[name] = type == typeof(bool)
                ? new TypedSetter(null, TypedAssign<bool>(built, name))
                : new TypedSetter(TypedAssign<double>(built, name), null);
        }
        return new InputType { Type = built, Create = create, Fields = byName, TypedSetters = typed };
    }

    private static Action<object, T> TypedAssign<T>(Type built, string name)
    {
        var target = Expression.Parameter(typeof(object), "target");
        var value = Expression.Parameter(typeof(T), "value");
        var field = Expression.Field(Expression.Convert(target, built), built.GetField(name)!);
        return Expression.Lambda<Action<object, T>>(Expression.Assign(field, value), target, value).CompileFast();
    }

    private static string Sanitize(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
