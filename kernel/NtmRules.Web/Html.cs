using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace NtmRules.Web;

/// <summary>HTML that is already safe to send: built only by <see cref="Html.H"/>, which encodes every value it is given.</summary>
/// <param name="Value">The markup.</param>
public readonly record struct Markup(string Value)
{
    /// <summary>No markup.</summary>
    public static Markup Empty { get; } = new("");

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>
/// Interpolated-string handler behind <see cref="Html.H"/>: the literal parts are the template and
/// are kept; every hole is HTML-encoded unless it is already <see cref="Markup"/>. Escaping is the
/// default, so a value can only reach the page raw by being built as markup itself.
/// </summary>
[InterpolatedStringHandler]
public ref struct HtmlHandler
{
    private readonly StringBuilder _builder;

    /// <summary>Called by the compiler.</summary>
    public HtmlHandler(int literalLength, int formattedCount)
    {
        _builder = new StringBuilder(literalLength + formattedCount * 16);
    }

    /// <summary>A literal part of the template, kept as written.</summary>
    public readonly void AppendLiteral(string value) => _builder.Append(value);

    /// <summary>Markup built elsewhere by <see cref="Html.H"/>, kept.</summary>
    public readonly void AppendFormatted(Markup value) => _builder.Append(value.Value);

    /// <summary>Any other value: encoded.</summary>
    public readonly void AppendFormatted<T>(T value) =>
        _builder.Append(Html.Encode(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString()));

    /// <summary>A formatted value: encoded.</summary>
    public readonly void AppendFormatted<T>(T value, string? format) where T : IFormattable =>
        _builder.Append(Html.Encode(value.ToString(format, CultureInfo.InvariantCulture)));

    internal readonly Markup Build() => new(_builder.ToString());
}

/// <summary>The tiny HTML builder of the pages.</summary>
public static class Html
{
    // Vietnamese letters stay readable in the source; <, >, &, quotes and apostrophes are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Markup from a template whose holes are encoded.</summary>
    public static Markup H(ref HtmlHandler handler) => handler.Build();

    /// <summary>Text encoded for an element or a quoted attribute.</summary>
    public static string Encode(string? text) => text is null ? "" : Encoder.Encode(text);

    /// <summary>Pieces of markup one after another.</summary>
    public static Markup Join(IEnumerable<Markup> parts) => new(string.Concat(parts.Select(p => p.Value)));

    /// <summary>A URL path segment (encoded again as HTML where it is placed).</summary>
    public static string Segment(string text) => Uri.EscapeDataString(text);
}
