using System.Globalization;
using NtmRules.Kernel.Localization;
using System.Text.RegularExpressions;

namespace NtmRules.Kernel.Domain;

/// <summary>How far a threshold figure is backed by a text an auditor can open.</summary>
public enum ProvenanceState
{
    /// <summary>The plugin holds a quote of the decision itself (or of an official text quoting it) and where it stands.</summary>
    Confirmed,
    /// <summary>A named public commune or province document applies this figure; the decision's own text was not seen.</summary>
    Reported,
    /// <summary>No source: the figure was chosen for a stated reason and must be checked before it is relied on.</summary>
    Assumed,
}

/// <summary>Names of <see cref="ProvenanceState"/> in files and for readers.</summary>
public static partial class ProvenanceStates
{
    /// <summary>All states, strongest first.</summary>
    public static IReadOnlyList<ProvenanceState> All { get; } = [ProvenanceState.Confirmed, ProvenanceState.Reported, ProvenanceState.Assumed];

    /// <summary>The stable key used in set files and JSON output: <c>confirmed</c>, <c>reported</c>, <c>assumed</c>.</summary>
    public static string Key(this ProvenanceState state) => state switch
    {
        ProvenanceState.Confirmed => "confirmed",
        ProvenanceState.Reported => "reported",
        _ => "assumed",
    };

    /// <summary>The Vietnamese word shown to people: "đã xác nhận", "theo văn bản áp dụng", "giả định".</summary>
    public static string VietnameseName(this ProvenanceState state) => state.Name(MessageText.Vietnamese);

    /// <summary>The word in <paramref name="language"/>: "giả định", "assumed".</summary>
    public static string Name(this ProvenanceState state, CultureInfo language) => DomainText.In(state switch
    {
        ProvenanceState.Confirmed => nameof(DomainMessages.ProvenanceConfirmed),
        ProvenanceState.Reported => nameof(DomainMessages.ProvenanceReported),
        _ => nameof(DomainMessages.ProvenanceAssumed),
    }, language);

    /// <summary>Parses a key written in a set file.</summary>
    public static bool TryParse(string? text, out ProvenanceState state)
    {
        foreach (var s in All)
        {
            if (string.Equals(s.Key(), text, StringComparison.OrdinalIgnoreCase)) { state = s; return true; }
        }
        state = default;
        return false;
    }

    /// <summary>
    /// Why <paramref name="text"/> is not fit to be shown as a source to a reader (a repository path,
    /// a "seed" number, a Markdown file): an auditor cannot open those. Null when it is fit.
    /// </summary>
    public static string? WhyNotPublic(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var m = PrivateReference().Match(text);
        return m.Success ? MessageText.Format(DomainMessages.NotPublicDocument, m.Value) : null;
    }

    [GeneratedRegex(@"\bseeds?\b\s*\d*|shared/|docs/|plugins/|samples/|[\w-]+\.(md|json|cs)\b|§", RegexOptions.IgnoreCase)]
    private static partial Regex PrivateReference();
}

/// <summary>
/// Where one threshold figure comes from. Invariants (checked by the reader): a confirmed figure has
/// a <see cref="Quote"/>, its <see cref="Location"/> and the <see cref="Document"/> quoted; a reported
/// one names its <see cref="Document"/>; an assumed one says its <see cref="Reason"/>; no text names a
/// repository path or a seed number.
/// </summary>
/// <param name="State">Confirmed, reported or assumed.</param>
/// <param name="Document">The public document: title, issuer and date ("Kế hoạch … của UBND xã Cẩm Thành, tháng 7/2023").</param>
/// <param name="Location">Where in it: article, annex, item, page.</param>
/// <param name="Quote">The words quoted from it.</param>
/// <param name="Reason">Why an assumed figure was chosen, or any caveat.</param>
public sealed record ThresholdProvenance(ProvenanceState State, string? Document, string? Location, string? Quote, string? Reason)
{
    /// <summary>An assumed figure with its reason.</summary>
    public static ThresholdProvenance Assumed(string reason) => new(ProvenanceState.Assumed, null, null, null, reason);

    /// <summary>A confirmed figure: the quote, where it stands and the document.</summary>
    public static ThresholdProvenance Confirmed(string document, string location, string quote) => new(ProvenanceState.Confirmed, document, location, quote, null);

    /// <summary>What is wrong with this provenance, in words; empty when it holds.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        switch (State)
        {
            case ProvenanceState.Confirmed:
                if (string.IsNullOrWhiteSpace(Quote)) problems.Add(DomainMessages.ConfirmedNeedsQuote);
                if (string.IsNullOrWhiteSpace(Location)) problems.Add(DomainMessages.ConfirmedNeedsLocation);
                if (string.IsNullOrWhiteSpace(Document)) problems.Add(DomainMessages.ConfirmedNeedsDocument);
                break;
            case ProvenanceState.Reported:
                if (string.IsNullOrWhiteSpace(Document)) problems.Add(DomainMessages.ReportedNeedsDocument);
                break;
            default:
                if (string.IsNullOrWhiteSpace(Reason)) problems.Add(DomainMessages.AssumedNeedsReason);
                break;
        }
        foreach (var (field, text) in new[] { ("document", Document), ("location", Location), ("quote", Quote), ("reason", Reason) })
        {
            if (ProvenanceStates.WhyNotPublic(text) is { } why) problems.Add(MessageText.Format(DomainMessages.FieldProblem, field, why));
        }
        return problems;
    }

    /// <summary>One line for a reader: "đã xác nhận: Phụ lục I, mục 11 — «…» (QĐ …)" or "giả định: lý do".</summary>
    public string Describe() => Describe(MessageText.Vietnamese);

    /// <summary>The line of <see cref="Describe()"/> in <paramref name="language"/>; the quoted words stay as the document wrote them.</summary>
    public string Describe(CultureInfo language) => State switch
    {
        ProvenanceState.Confirmed => DomainText.Format(nameof(DomainMessages.DescribeConfirmed), language, Location, Document, Quote),
        ProvenanceState.Reported => DomainText.Format(nameof(DomainMessages.DescribeReported), language, Document,
            string.IsNullOrWhiteSpace(Location) ? "" : ", " + Location, string.IsNullOrWhiteSpace(Quote) ? "" : $": «{Quote}»"),
        _ => DomainText.Format(nameof(DomainMessages.DescribeAssumed), language, Reason),
    };
}
