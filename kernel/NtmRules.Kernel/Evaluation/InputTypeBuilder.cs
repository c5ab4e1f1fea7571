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

    /// <summary>
    /// Assigns a double or a bool field; exactly one of the two delegates is set, by the field's type.
    /// Tiered like a rule's expressions (<see cref="TieredLambda{T}"/>): a field's first
    /// <see cref="TieredLambda{T}.CompileAfter"/> assignments go through reflection, which emits nothing,
    /// and only then is a setter compiled to IL and swapped in. A cold <c>ntm evaluate</c> of one commune
    /// otherwise had the JIT compile a dynamic method for every measure and every threshold of the set
    /// (about 90 for <c>vn.qd318.xa-ntm</c>), to call each one once or never.
    /// </summary>
    public sealed class TypedSetter
    {
        private readonly Tiered<double>? _number;
        private readonly Tiered<bool>? _flag;

        private TypedSetter(Tiered<double>? number, Tiered<bool>? flag) => (_number, _flag) = (number, flag);

        /// <summary>Assigns a double field, or null when the field holds a bool. Read it for each assignment: it changes when compiled.</summary>
        public Action<object, double>? Number => _number?.Current;

        /// <summary>Assigns a bool field, or null when the field holds a double. Read it for each assignment: it changes when compiled.</summary>
        public Action<object, bool>? Flag => _flag?.Current;

        /// <summary>Whether the compiled setter has replaced reflection (tests).</summary>
        internal bool IsCompiled => _number?.IsCompiled ?? _flag!.IsCompiled;

        /// <summary>A setter of <paramref name="field"/>, compiled at once when <paramref name="compiled"/> (tests comparing the tiers).</summary>
        internal static TypedSetter For(FieldInfo field, bool compiled = false) => field.FieldType == typeof(bool)
            ? new TypedSetter(null, new Tiered<bool>(field, compiled))
            : new TypedSetter(new Tiered<double>(field, compiled), null);
    }

    /// <summary>One field's setter: by reflection until it has run often enough to be worth compiling.</summary>
    private sealed class Tiered<T>
    {
        private readonly FieldInfo _field;
        private Action<object, T> _current;
        private int _runs;
        private int _compiled;

        public Tiered(FieldInfo field, bool compiled)
        {
            _field = field;
            _current = compiled ? Compile(field) : Reflect;
            _compiled = compiled ? 1 : 0;
        }

        public Action<object, T> Current => Volatile.Read(ref _current);

        public bool IsCompiled => Volatile.Read(ref _compiled) == 1;

        private void Reflect(object target, T value)
        {
            // Counted without a lock, as TieredLambda counts: only the thread that flips the flag compiles.
            if (++_runs >= TieredLambda<object>.CompileAfter && Interlocked.Exchange(ref _compiled, 1) == 0)
                Volatile.Write(ref _current, Compile(_field));
            _field.SetValue(target, value);
        }

        // FastExpressionCompiler, not Expression.Compile: the framework compiler's cost per delegate was a quarter of a cold start.
        private static Action<object, T> Compile(FieldInfo field)
        {
            var target = Expression.Parameter(typeof(object), "target");
            var value = Expression.Parameter(typeof(T), "value");
            var assign = Expression.Assign(Expression.Field(Expression.Convert(target, field.DeclaringType!), field), value);
            return Expression.Lambda<Action<object, T>>(assign, target, value).CompileFast();
        }
    }

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

        var byName = new Dictionary<string, FieldInfo>(StringComparer.Ordinal);
        var typed = new Dictionary<string, TypedSetter>(StringComparer.Ordinal);
        foreach (var (name, _) in list)
        {
            var field = built.GetField(name)!;
            byName[name] = field;
            typed[name] = TypedSetter.For(field);
        }
        // The activator, not a compiled constructor call: it emits nothing, and one instance per commune is all it makes.
        return new InputType { Type = built, Create = () => Activator.CreateInstance(built)!, Fields = byName, TypedSetters = typed };
    }

    private static string Sanitize(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
