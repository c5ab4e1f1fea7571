using System.Globalization;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Data;

/// <summary>What <see cref="NumberText.Parse(string, bool, out double)"/> made of a text.</summary>
public enum NumberTextKind
{
    /// <summary>One number, whichever convention wrote it.</summary>
    Number,
    /// <summary>Digits and separators that could mean more than one number ("1.784", "1.784,5,2", "1,784.5").</summary>
    Ambiguous,
    /// <summary>Not a number at all.</summary>
    NotANumber,
}

/// <summary>
/// Numbers as people type them into spreadsheets and text files, where the Vietnamese decimal comma
/// ("90,06") and thousands dot ("1.784,5") meet machine output ("90.06", "1E-05"). A text is read
/// only when exactly one reading is possible for the figure it is meant for: for a count "1.784" can
/// only be 1784 (a count has no decimals), while for a decimal figure it could be 1784 or 1,784 and
/// is refused rather than guessed; so is anything with a second decimal separator. For a count,
/// "1,784" (English thousands, or a decimal a count cannot have) is refused too.
/// One parser for every reader, so that JSON strings, CSV and XLSX cells and the web form agree.
/// </summary>
public static class NumberText
{
    /// <summary>Reads <paramref name="text"/> as any number (surrounding spaces and one trailing % allowed).</summary>
    /// <param name="text">The text as written.</param>
    /// <param name="value">The number, for <see cref="NumberTextKind.Number"/>; 0 otherwise.</param>
    public static NumberTextKind Parse(string text, out double value) => Parse(text, wholeNumber: false, out value);

    /// <summary>Reads <paramref name="text"/> for a figure that is, or is not, a whole number.</summary>
    /// <param name="text">The text as written.</param>
    /// <param name="wholeNumber">The figure is a count: a lone dot before three digits separates thousands ("1.784" is 1784).</param>
    /// <param name="value">The number, for <see cref="NumberTextKind.Number"/>; 0 otherwise.</param>
    public static NumberTextKind Parse(string text, bool wholeNumber, out double value)
    {
        value = 0;
        var t = text.AsSpan().Trim();
        if (t.EndsWith("%")) t = t[..^1].TrimEnd();
        if (t.IsEmpty) return NumberTextKind.NotANumber;

        var body = t[0] is '+' or '-' ? t[1..] : t;
        if (body.IsEmpty) return NumberTextKind.NotANumber;
        int digits = 0, dots = 0, commas = 0, exponent = 0, other = 0;
        foreach (var c in body)
        {
            if (c is >= '0' and <= '9') digits++;
            else if (c == '.') dots++;
            else if (c == ',') commas++;
            else if (c is 'e' or 'E') exponent++;
            else if (c is not ('+' or '-')) other++;
        }
        if (digits == 0 || other > 0) return NumberTextKind.NotANumber;
        if (exponent > 0)
        {
            // Machine output such as "1E-05": decimal point only.
            return commas == 0 && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)
                ? NumberTextKind.Number : Fail(out value);
        }
        if (body.IndexOfAny('+', '-') >= 0) return NumberTextKind.NotANumber;

        var negative = t[0] == '-';
        string normalized;
        if (dots == 0 && commas == 0) normalized = body.ToString();
        else if (dots == 0 && commas == 1)
        {
            // "90,06" is a decimal comma; for a count, "1,784" is English thousands or a decimal it cannot have.
            if (wholeNumber && LooksGrouped(body, ',')) return Fail(out value, NumberTextKind.Ambiguous);
            normalized = body.ToString().Replace(',', '.');
        }
        else if (commas == 0 && dots == 1)
        {
            // "90.06" is a decimal point; "1.784" is Vietnamese thousands for a count and ambiguous otherwise.
            var point = body.IndexOf('.');
            if (point == 0 || point == body.Length - 1) return Fail(out value, NumberTextKind.Ambiguous);
            if (LooksGrouped(body, '.'))
            {
                if (!wholeNumber) return Fail(out value, NumberTextKind.Ambiguous);
                normalized = body.ToString().Replace(".", "", StringComparison.Ordinal);
            }
            else normalized = body.ToString();
        }
        else if (IsVietnameseGrouped(body, out var grouped)) normalized = grouped; // "1.784,5", "1.784.000"
        else return Fail(out value, NumberTextKind.Ambiguous);

        if (normalized.StartsWith('.') || normalized.EndsWith('.')) return Fail(out value, NumberTextKind.Ambiguous);
        if (!double.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            return Fail(out value, NumberTextKind.Ambiguous);
        if (negative) value = -value;
        return NumberTextKind.Number;
    }

    /// <summary>
    /// A hint that fits the figure: how to write <paramref name="text"/>, which <see cref="Parse(string, bool, out double)"/>
    /// found ambiguous, so that it is read as meant. A count is never told to write a decimal.
    /// </summary>
    public static string AmbiguityHint(string text, bool wholeNumber)
    {
        var t = text.Trim();
        if (wholeNumber) return DataMessages.HintCount;
        if (t.Count(c => c == '.') == 1 && !t.Contains(',') && LooksGrouped(t.TrimStart('+', '-').TrimEnd('%').TrimEnd(), '.'))
        {
            var point = t.IndexOf('.');
            return MessageText.Format(DataMessages.HintThousandsOrDecimal, t[..point], t[(point + 1)..], t, t[..point], t[(point + 1)..]);
        }
        return DataMessages.HintDecimal;
    }

    /// <summary>One separator between 1–3 leading digits (not a lone 0 before others) and exactly three: "1.784", "12,350".</summary>
    private static bool LooksGrouped(ReadOnlySpan<char> body, char separator)
    {
        var at = body.IndexOf(separator);
        return at is >= 1 and <= 3 && body.Length - at - 1 == 3 && body[0] != '0';
    }

    /// <summary>"1.784" groups of three after a dot, then at most one decimal comma.</summary>
    private static bool IsVietnameseGrouped(ReadOnlySpan<char> body, out string normalized)
    {
        normalized = "";
        var comma = body.IndexOf(',');
        if (comma >= 0 && body[(comma + 1)..].IndexOfAny(',', '.') >= 0) return false;
        var integer = comma >= 0 ? body[..comma] : body;
        var fraction = comma >= 0 ? body[(comma + 1)..] : [];
        if (comma >= 0 && fraction.IsEmpty) return false;
        var groups = integer.ToString().Split('.');
        if (groups.Length < 2 || groups[0].Length is < 1 or > 3 || groups[0][0] == '0' && groups[0].Length > 1) return false;
        if (groups.Skip(1).Any(g => g.Length != 3)) return false;
        normalized = string.Concat(groups) + (comma >= 0 ? "." + fraction.ToString() : "");
        return true;
    }

    private static NumberTextKind Fail(out double value, NumberTextKind kind = NumberTextKind.Ambiguous)
    {
        value = 0;
        return kind;
    }
}
