namespace NtmRules.Kernel.Domain;

/// <summary>How an indicator's value is compared with its threshold.</summary>
public enum ComparisonOperator
{
    /// <summary><c>&gt;=</c></summary>
    AtLeast,
    /// <summary><c>&lt;=</c></summary>
    AtMost,
    /// <summary><c>&gt;</c></summary>
    GreaterThan,
    /// <summary><c>&lt;</c></summary>
    LessThan,
    /// <summary><c>==</c></summary>
    EqualTo,
}

/// <summary>Symbols of <see cref="ComparisonOperator"/>.</summary>
public static class ComparisonOperators
{
    /// <summary>The ASCII symbol used in set files and JSON output.</summary>
    public static string Symbol(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.AtLeast => ">=",
        ComparisonOperator.AtMost => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.EqualTo => "==",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>The symbol as Vietnamese documents print it: ≥, ≤, &gt;, &lt;, =.</summary>
    public static string DisplaySymbol(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.AtLeast => "≥",
        ComparisonOperator.AtMost => "≤",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.EqualTo => "=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Parses an ASCII symbol.</summary>
    public static bool TryParse(string? symbol, out ComparisonOperator op)
    {
        foreach (var candidate in Enum.GetValues<ComparisonOperator>())
        {
            if (candidate.Symbol() == symbol) { op = candidate; return true; }
        }
        op = default;
        return false;
    }
}
