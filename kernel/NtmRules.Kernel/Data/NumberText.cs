using System.Globalization;

namespace NtmRules.Kernel.Data;

/// <summary>What <see cref="NumberText.Parse"/> made of a text.</summary>
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
/// only when exactly one reading is possible; "1.784" (1784 in Vietnamese, 1.784 in English) and
/// anything with a second decimal separator are ambiguous and refused rather than guessed.
/// One parser for every reader, so that JSON hints, CSV and XLSX cells agree.
/// </summary>
public static class NumberText
{
    /// <summary>Reads <paramref name="text"/> (surrounding spaces and one trailing % allowed).</summary>
    /// <param name="text">The text as written.</param>
    /// <param name="value">The number, for <see cref="NumberTextKind.Number"/>; 0 otherwise.</param>
    public static NumberTextKind Parse(string text, out double value)
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
        else if (dots == 0 && commas == 1) normalized = body.ToString().Replace(',', '.'); // "90,06"
        else if (commas == 0 && dots == 1)
        {
            // "90.06" is a decimal point; "1.784" could be Vietnamese thousands.
            var point = body.IndexOf('.');
            var whole = body[..point];
            var fraction = body[(point + 1)..];
            if (whole.IsEmpty || fraction.IsEmpty) return Fail(out value, NumberTextKind.Ambiguous);
            if (fraction.Length == 3 && whole.Length <= 3 && whole[0] != '0') return Fail(out value, NumberTextKind.Ambiguous);
            normalized = body.ToString();
        }
        else if (IsVietnameseGrouped(body, out var grouped)) normalized = grouped; // "1.784,5", "1.784.000"
        else return Fail(out value, NumberTextKind.Ambiguous);

        if (normalized.StartsWith('.') || normalized.EndsWith('.')) return Fail(out value, NumberTextKind.Ambiguous);
        if (!double.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            return Fail(out value, NumberTextKind.Ambiguous);
        if (negative) value = -value;
        return NumberTextKind.Number;
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
