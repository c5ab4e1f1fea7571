using System.Globalization;

namespace NtmRules.Kernel.Domain;

/// <summary>What a <see cref="Scalar"/> holds.</summary>
public enum ScalarKind
{
    /// <summary>A number (counts, rates, money are all numbers).</summary>
    Number,
    /// <summary>A yes/no fact (có/không, đạt/chưa đạt).</summary>
    Boolean,
}

/// <summary>
/// A measure value, an indicator's value or a threshold: either a finite number or a boolean.
/// Invariant: a <see cref="ScalarKind.Number"/> is never NaN or infinite.
/// </summary>
public readonly record struct Scalar
{
    private Scalar(ScalarKind kind, double number, bool flag)
    {
        Kind = kind;
        Number = number;
        Flag = flag;
    }

    /// <summary>Which of <see cref="Number"/> and <see cref="Flag"/> is meaningful.</summary>
    public ScalarKind Kind { get; }

    /// <summary>The number, when <see cref="Kind"/> is <see cref="ScalarKind.Number"/>.</summary>
    public double Number { get; }

    /// <summary>The boolean, when <see cref="Kind"/> is <see cref="ScalarKind.Boolean"/>.</summary>
    public bool Flag { get; }

    /// <summary>A number; throws on NaN or infinity.</summary>
    public static Scalar Of(double number)
    {
        if (!double.IsFinite(number)) throw new ArgumentOutOfRangeException(nameof(number), number, "A scalar number must be finite.");
        return new Scalar(ScalarKind.Number, number, false);
    }

    /// <summary>A boolean.</summary>
    public static Scalar Of(bool flag) => new(ScalarKind.Boolean, 0, flag);

    /// <summary>Converts a value read back from a rule (double, int, bool...) to a scalar, if it is one.</summary>
    public static Scalar? FromObject(object? value) => value switch
    {
        bool b => Of(b),
        double d when double.IsFinite(d) => Of(d),
        float f when float.IsFinite(f) => Of(f),
        int i => Of(i),
        long l => Of(l),
        decimal m => Of((double)m),
        _ => null,
    };

    /// <summary>The boxed CLR value (double or bool).</summary>
    public object ToObject() => Kind == ScalarKind.Number ? Number : Flag;

    /// <summary>Invariant, round-trippable text: "12.5", "true". For JSON and logs, not for people.</summary>
    public override string ToString() =>
        Kind == ScalarKind.Number ? Number.ToString("R", CultureInfo.InvariantCulture) : (Flag ? "true" : "false");
}
