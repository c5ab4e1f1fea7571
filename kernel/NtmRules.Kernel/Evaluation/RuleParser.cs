using System.Collections;
using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.CustomTypeProviders;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using RulesEngine.HelperFunctions;
using RulesEngine.Models;
using DynamicExpressionParser = System.Linq.Dynamic.Core.Parser.ExpressionParser;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// RulesEngine's own parse of a rule expression (<c>RuleExpressionParser.Parse</c> of RulesEngine
/// 6.0.1: System.Linq.Dynamic.Core's <c>ExpressionParser</c> with RulesEngine's type provider, case
/// sensitivity and parse-error setting), without the one step that made it the largest part of a cold
/// start: RulesEngine's type provider adds to its types every type of every assembly loaded in the
/// process that carries <c>[DynamicLinqType]</c>, and finding them calls <c>GetTypes()</c> on every
/// assembly — in <c>ntm</c>, which has the web, record-store and Word libraries loaded, that loads
/// Entity Framework, OpenXML, XML serialisation and more, about 0,15–0,4 s of a 1 s start.
/// </summary>
/// <remarks>
/// No assembly of ntm or its plugins marks a type <c>[DynamicLinqType]</c>, so the types an expression
/// can reach are the same: the engine's custom types (the kernel's <c>Ntm</c> functions and the plugins'
/// function classes), RulesEngine's <c>ExpressionUtils</c>, <c>Enumerable</c>, their base types and
/// interfaces, and <c>IEnumerable</c> — the set RulesEngine's provider builds itself. A type a plugin
/// assembly marked would have become reachable from every expression with RulesEngine's provider; with
/// this one it is not (the allow-list refuses such a class anyway). RulesEngine's executor
/// (<see cref="RuleExecution.RulesEngineExecutor"/>) still parses with RulesEngine's own provider.
/// </remarks>
internal sealed class RuleParser
{
    private readonly ParsingConfig _config;
    private readonly bool _throwOnParseError;

    /// <summary>A parser for expressions over <paramref name="settings"/>' custom types.</summary>
    public RuleParser(ReSettings settings)
    {
        _config = new ParsingConfig
        {
            CustomTypeProvider = new ScanFreeTypeProvider(settings.CustomTypes),
            IsCaseSensitive = settings.IsExpressionCaseSensitive,
        };
        _throwOnParseError = settings.EnableExceptionAsErrorMessageForRuleExpressionParsing;
    }

    /// <summary>
    /// Parses <paramref name="expression"/> over <paramref name="parameters"/> to <paramref name="returnType"/>
    /// (null: its own type), exactly as RulesEngine does: a parse error throws when the settings say so
    /// (the product's do), and otherwise gives RulesEngine's default value.
    /// </summary>
    public Expression Parse(string expression, ParameterExpression[] parameters, Type? returnType)
    {
        try
        {
            return new DynamicExpressionParser(parameters, expression, [], _config).Parse(returnType);
        }
        catch (ParseException) when (!_throwOnParseError)
        {
            return Expression.Constant(returnType == typeof(bool) ? false
                : returnType == typeof(int) || returnType == typeof(float) || returnType == typeof(double) ? int.MinValue : null);
        }
    }

    /// <summary>
    /// RulesEngine's type provider without the scan of every loaded assembly: the same types, computed as
    /// RulesEngine computes them, returned from <see cref="GetCustomTypes"/> without asking the base class.
    /// </summary>
    private sealed class ScanFreeTypeProvider : DefaultDynamicLinqCustomTypeProvider
    {
        private readonly HashSet<Type> _types;

        public ScanFreeTypeProvider(Type[]? customTypes) : base(ParsingConfig.Default)
        {
            _types = [.. customTypes ?? [], typeof(ExpressionUtils), typeof(Enumerable)];
            var queue = new Queue<Type>(_types);
            while (queue.Count > 0)
            {
                var t = queue.Dequeue();
                if (t.BaseType is { } baseType && _types.Add(baseType)) queue.Enqueue(baseType);
                foreach (var i in t.GetInterfaces())
                {
                    if (_types.Add(i)) queue.Enqueue(i);
                }
            }
            _types.Add(typeof(IEnumerable));
        }

        public override HashSet<Type> GetCustomTypes() => _types;
    }
}
