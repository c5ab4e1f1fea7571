using System.Globalization;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Data;

/// <summary>
/// A commune's measure values checked against one criteria set: each key either has a valid
/// value, was given an invalid one (reported, then treated as missing), or is absent.
/// </summary>
public sealed class MeasureValues
{
    private enum State : byte { Absent, Valid, Invalid, Defaulted }

    /// <summary>One measure of the set: its value and what became of it.</summary>
    /// <remarks>
    /// 8 bytes, not the 32 of a <see cref="Scalar"/>, a state and the raw value: one per measure of
    /// every commune of a province. A valid number is held as itself (always finite); every other state is a
    /// NaN of its own, so the state costs no byte: a yes/no, absent, refused, or the set's default (read from the
    /// measure again). Held XOR-ed with the absent NaN, so that a new array's zeros read as absent.
    /// The raw value is looked up again only for a refusal's message.
    /// </remarks>
    private struct Slot
    {
        private const long AbsentBits = 0x7FF8_0000_0000_0A00, InvalidBits = AbsentBits + 1, DefaultedBits = AbsentBits + 2,
            FalseBits = AbsentBits + 3, TrueBits = AbsentBits + 4;

        private long _raw;

        private readonly long Bits => _raw ^ AbsentBits;

        private readonly double Raw => BitConverter.Int64BitsToDouble(Bits);

        /// <summary>The number when valid; 0 otherwise (a yes/no, or no value), as a <see cref="Scalar"/>'s number reads.</summary>
        public readonly double Number => double.IsFinite(Raw) ? Raw : 0;

        public readonly State State => double.IsFinite(Raw) ? State.Valid : Bits switch
        {
            FalseBits or TrueBits => State.Valid,
            InvalidBits => State.Invalid,
            DefaultedBits => State.Defaulted,
            _ => State.Absent,
        };

        /// <summary>The value, when <see cref="State"/> is valid.</summary>
        public readonly Scalar Value => double.IsFinite(Raw) ? Scalar.Of(Raw) : Scalar.Of(Bits == TrueBits);

        public void SetValid(Scalar value) => _raw = (value.Kind == ScalarKind.Boolean ? (value.Flag ? TrueBits : FalseBits) : BitConverter.DoubleToInt64Bits(value.Number)) ^ AbsentBits;

        public void SetInvalid() => _raw = InvalidBits ^ AbsentBits;

        public void SetDefaulted() => _raw = DefaultedBits ^ AbsentBits;
    }

    private readonly CriteriaSet _set;
    // By the measure's position in the set: an evaluation reads a few values per indicator and
    // every value once into the rules' input, so position beats hashing a key every time.
    private readonly Slot[] _slots;

    private MeasureValues(CriteriaSet set, Slot[] slots, IReadOnlyList<Problem> problems)
    {
        _set = set;
        _slots = slots;
        Problems = problems;
    }

    /// <summary>Unknown keys warned about one by one (with a "did you mean"); more are counted in one warning.</summary>
    public const int UnknownKeysListed = 20;

    /// <summary>Errors (invalid values) and warnings (unknown keys) found while checking.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>Whether any value was rejected.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == Severity.Error);

    /// <summary>The valid value of <paramref name="key"/>, if any.</summary>
    public bool TryGet(string key, out Scalar value)
    {
        if (_set.TryGetMeasurePosition(key, out var n)) return TryGet(n, out value);
        value = default;
        return false;
    }

    /// <summary>Whether a value was given for <paramref name="key"/> but rejected.</summary>
    public bool IsInvalid(string key) => _set.TryGetMeasurePosition(key, out var n) && IsInvalid(n);

    /// <summary>The valid value of the set's measure at <paramref name="position"/>, if any.</summary>
    internal bool TryGet(int position, out Scalar value)
    {
        var slot = _slots[position];
        switch (slot.State)
        {
            case State.Valid:
                value = slot.Value;
                return true;
            case State.Defaulted:
                value = Scalar.Of(_set.Measures[position].Default!.Value);
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <summary>Whether the set's measure at <paramref name="position"/> has a valid value (its own or the set's default).</summary>
    internal bool Has(int position) => _slots[position].State is State.Valid or State.Defaulted;

    /// <summary>Whether the data gave no value for the measure at <paramref name="position"/> and the set's default stands in.</summary>
    internal bool IsDefaulted(int position) => _slots[position].State == State.Defaulted;

    /// <summary>Whether the measure at <paramref name="position"/> was given a value that was rejected.</summary>
    internal bool IsInvalid(int position) => _slots[position].State == State.Invalid;

    /// <summary>Valid values by key, in the set's measure order.</summary>
    public IReadOnlyDictionary<string, Scalar> Valid
    {
        get
        {
            var valid = new Dictionary<string, Scalar>(StringComparer.Ordinal);
            for (var n = 0; n < _slots.Length; n++)
            {
                if (_slots[n].State == State.Valid) valid[_set.Measures[n].Key] = _slots[n].Value;
            }
            return valid;
        }
    }

    /// <summary>Checks <paramref name="data"/>'s raw values against <paramref name="set"/>'s measure definitions.</summary>
    /// <param name="data">The commune's data.</param>
    /// <param name="set">The set whose measures apply.</param>
    /// <param name="otherSetsMeasures">Keys other loaded sets use: one data file often serves several sets (xã NTM and
    /// nâng cao), so such keys are listed together in one warning, while a key no set knows gets its own, with a suggestion.</param>
    public static MeasureValues Check(CommuneData data, CriteriaSet set, IReadOnlySet<string>? otherSetsMeasures = null)
    {
        var slots = new Slot[set.Measures.Count];
        List<Problem>? problems = null;
        List<string>? usedElsewhere = null;
        var unknown = 0;
        // Indexed, not foreach: an interface enumerator is an allocation per commune of a province.
        var measures = data.Measures;
        for (var i = 0; i < measures.Count; i++)
        {
            var raw = measures[i];
            if (set.TryGetMeasurePosition(raw.Key, out var position)) Take(raw, set.Measures[position], ref slots[position], data.File, ref problems);
            else if (otherSetsMeasures?.Contains(raw.Key) == true) (usedElsewhere ??= []).Add(raw.Key);
            // Each gets its own warning with a suggestion up to a point: a file of 200.000 made-up keys
            // took two minutes of edit distances and as many lines; the rest are counted in one warning.
            else if (++unknown <= UnknownKeysListed) (problems ??= []).Add(UnknownKey(raw, data.File, set));
        }
        if (unknown > UnknownKeysListed)
            (problems ??= []).Add(new Problem(Severity.Warning,
                MessageText.Format(DataMessages.MoreUnknownMeasures, unknown - UnknownKeysListed, set.Id), data.File, Field: "measures"));
        ApplyDefaults(set, slots);
        if (set.HasMeasureRelations) CheckRelations(data, set, slots, ref problems);
        if (usedElsewhere is not null)
            (problems ??= []).Add(new Problem(Severity.Warning,
                MessageText.Format(DataMessages.MeasuresOfOtherSets, usedElsewhere.Count, set.Id, string.Join(", ", usedElsewhere)), data.File, Field: "measures"));
        return new MeasureValues(set, slots, problems is null ? [] : problems);
    }

    /// <summary>A key the set does not use, with the closest one it does.</summary>
    private static Problem UnknownKey(RawMeasureValue raw, string file, CriteriaSet set)
    {
        var hint = Suggest(raw.Key, set.MeasuresByKey.Keys);
        return new Problem(Severity.Warning,
            MessageText.Format(DataMessages.UnknownMeasure, raw.Key, set.Id, (hint is null ? "" : MessageText.Format(DataMessages.DidYouMean, hint))),
            file, raw.Line, raw.Column, "measures." + raw.Key);
    }

    /// <summary>The data's value of one of the set's measures, checked; a key given twice keeps its last value, as a JSON reader would.</summary>
    private static void Take(RawMeasureValue raw, Measure measure, ref Slot slot, string file, ref List<Problem>? problems)
    {
        if (raw.Kind == RawValueKind.Null) return; // explicitly unknown: missing, not an error
        var (value, error) = Convert(raw, measure);
        if (error is null)
        {
            slot.SetValid(value);
            return;
        }
        slot.SetInvalid();
        (problems ??= []).Add(new Problem(Severity.Error, error, file, raw.Line, raw.Column, "measures." + raw.Key));
    }

    /// <summary>A figure most communes do not have: absent means the set's default, not missing data.</summary>
    private static void ApplyDefaults(CriteriaSet set, Slot[] slots)
    {
        for (var n = 0; n < slots.Length; n++)
        {
            if (slots[n].State == State.Absent && set.Measures[n].Default is not null) slots[n].SetDefaulted();
        }
    }

    /// <summary>
    /// Refuses a part larger than its whole (households with electricity above households), and
    /// disjoint parts that together exceed it (poor plus near-poor households): a rate computed
    /// from them would read 280% and pass. Both figures are named; the part is treated as missing.
    /// </summary>
    private static void CheckRelations(CommuneData data, CriteriaSet set, Slot[] slots, ref List<Problem>? problems)
    {
        // Judge every relation on the values as given, not on earlier refusals: only the states are
        // kept (a copy of the whole slots was 2,7 KB per commune of a province, refused or not).
        Span<State> asGiven = slots.Length <= 512 ? stackalloc State[slots.Length] : new State[slots.Length];
        for (var n = 0; n < slots.Length; n++) asGiven[n] = slots[n].State;
        for (var n = 0; n < slots.Length; n++)
        {
            var part = set.Measures[n];
            if (part.AtMost is null || asGiven[n] != State.Valid || !set.TryGetMeasurePosition(part.AtMost, out var w) || asGiven[w] != State.Valid) continue;
            var sum = slots[n].Number;
            var disjoint = part.DisjointParts;
            for (var k = 0; k < disjoint.Count; k++)
            {
                if (set.TryGetMeasurePosition(disjoint[k], out var o) && asGiven[o] == State.Valid) sum += slots[o].Number;
            }
            var whole = slots[w].Number;
            if (sum <= whole) continue;
            var what = Exceeds(set, slots, asGiven, n, w, sum);
            slots[n].SetInvalid();
            var raw = LastGiven(data, part.Key);
            (problems ??= []).Add(new Problem(Severity.Error, MessageText.Format(DataMessages.PartExceedsWhole, what),
                data.File, raw.Line, raw.Column, "measures." + part.Key));
        }
    }

    /// <summary>The data's value of <paramref name="key"/> that was kept (the last one not null, as <see cref="Take"/> keeps); looked up only for a refusal.</summary>
    private static RawMeasureValue LastGiven(CommuneData data, string key)
    {
        for (var i = data.Measures.Count - 1; i >= 0; i--)
        {
            var raw = data.Measures[i];
            if (raw.Kind != RawValueKind.Null && string.Equals(raw.Key, key, StringComparison.Ordinal)) return raw;
        }
        throw new InvalidOperationException($"measure {key} was checked but not given"); // a valid slot always came from the data
    }

    /// <summary>What exceeds what, with the figures: written out only for the message, since the check runs for every commune.</summary>
    private static string Exceeds(CriteriaSet set, Slot[] slots, ReadOnlySpan<State> asGiven, int part, int whole, double sum)
    {
        var measure = set.Measures[part];
        var value = slots[part].Number;
        var terms = new List<string> { $"{measure.Key} {Invariant(value)}" };
        foreach (var other in measure.DisjointParts)
        {
            if (set.TryGetMeasurePosition(other, out var o) && asGiven[o] == State.Valid) terms.Add($"{other} {Invariant(slots[o].Number)}");
        }
        var wholeMeasure = set.Measures[whole];
        var wholeValue = Invariant(slots[whole].Number);
        return terms.Count == 1
            ? MessageText.Format(DataMessages.PartMoreThanWhole, measure.Label, measure.Key, Invariant(value), wholeMeasure.Label, measure.AtMost, wholeValue)
            : MessageText.Format(DataMessages.PartsMoreThanWhole, measure.Label, string.Join(", ", measure.DisjointParts), string.Join(" + ", terms), Invariant(sum), wholeMeasure.Label, measure.AtMost, wholeValue);
    }

    private static string Invariant(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static (Scalar, string?) Convert(RawMeasureValue raw, Measure measure)
    {
        // Built only for a message: this runs for every value of every commune.
        string Label() => $"{measure.Label}{(measure.Unit.Length > 0 ? $" ({measure.Unit})" : "")}";
        if (measure.Type == MeasureType.Boolean)
        {
            return raw.Kind switch
            {
                RawValueKind.Boolean => (Scalar.Of(raw.Flag), null),
                RawValueKind.Text => (default, MessageText.Format(DataMessages.YesNoText, Label(), SafeText.Excerpt(raw.Text))),
                _ => (default, MessageText.Format(DataMessages.YesNoOther, Label(), Describe(raw))),
            };
        }

        var n = raw.Number;
        if (raw.Kind == RawValueKind.Text)
        {
            // A figure written as people write it ("1.784" households, "90,06" %) is read as in a CSV cell.
            var count = measure.Type == MeasureType.Integer;
            switch (NumberText.Parse(raw.Text, count, out n))
            {
                case NumberTextKind.Ambiguous:
                    return (default, MessageText.Format(DataMessages.AmbiguousNumber, Label(), SafeText.Excerpt(raw.Text), NumberText.AmbiguityHint(raw.Text, count)));
                case NumberTextKind.NotANumber:
                    return (default, MessageText.Format(DataMessages.MustBeNumber, Label(), Describe(raw)));
            }
        }
        else if (raw.Kind != RawValueKind.Number) return (default, MessageText.Format(DataMessages.MustBeNumber, Label(), Describe(raw)));

        if (!double.IsFinite(n))
            return (default, MessageText.Format(DataMessages.Infinite, Label()));
        var limit = measure.Type == MeasureType.Integer ? Measure.PlausibleCountLimit : Measure.PlausibleMagnitudeLimit;
        if (Math.Abs(n) > limit && (measure.Max is not { } cap || Math.Abs(n) > cap))
            return (default, MessageText.Format(DataMessages.Implausible, Label(), SafeText.Excerpt(raw.Text), limit.ToString("0e0", CultureInfo.InvariantCulture), (measure.Type == MeasureType.Integer ? DataMessages.ForACount : "")));
        if (measure.Type == MeasureType.Integer && Math.Floor(n) != n)
            return (default, MessageText.Format(DataMessages.CountWhole, Label(), SafeText.Excerpt(raw.Text)));
        var min = measure.Min ?? (measure.Type is MeasureType.Integer or MeasureType.Percent ? 0 : null);
        var max = measure.Max ?? (measure.Type == MeasureType.Percent ? 100 : null);
        if (min is { } lo && n < lo)
            return (default, n < 0 && lo >= 0
                ? MessageText.Format(DataMessages.Negative, Label(), SafeText.Excerpt(raw.Text))
                : MessageText.Format(DataMessages.AtLeast, Label(), lo.ToString(CultureInfo.InvariantCulture), SafeText.Excerpt(raw.Text)));
        if (max is { } hi && n > hi)
            return (default, measure.Type == MeasureType.Percent && hi == 100
                ? MessageText.Format(DataMessages.PercentAbove100, Label(), SafeText.Excerpt(raw.Text))
                : MessageText.Format(DataMessages.AtMost, Label(), hi.ToString(CultureInfo.InvariantCulture), SafeText.Excerpt(raw.Text)));
        return (Scalar.Of(n), null);
    }

    private static string Describe(RawMeasureValue raw) => raw.Kind switch
    {
        RawValueKind.Text => MessageText.Format(DataMessages.DescribeText, SafeText.Excerpt(raw.Text)),
        RawValueKind.Number => MessageText.Format(DataMessages.DescribeNumber, raw.Text),
        RawValueKind.Boolean => MessageText.Format(DataMessages.DescribeBoolean, raw.Text),
        _ => raw.Text,
    };

    /// <summary>The closest known key within edit distance 3, for "did you mean".</summary>
    internal static string? Suggest(string key, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = 4;
        foreach (var k in known.OrderBy(k => k, StringComparer.Ordinal))
        {
            // The distance is at least the difference in length; skipping those keeps a long made-up key cheap.
            if (Math.Abs(key.Length - k.Length) >= bestDistance) continue;
            var d = Distance(key.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance) { best = k; bestDistance = d; }
        }
        return best;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
