using System.Globalization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// A seeded generator of communes for one criteria set: figures of every measure the set needs,
/// consistent where rules combine them (parts never exceed their total), drawn near each
/// indicator's threshold for the commune's region and year so that verdicts vary, with a share
/// of figures missing and a share out of range, as real submissions have. The same set, count
/// and seed always give the same communes, row for row: commune <c>i</c> depends only on the seed
/// and <c>i</c>, so a province of any size can be streamed.
/// </summary>
public sealed class SyntheticProvince
{
    /// <summary>Rough shares of xã by region, so that region-specific thresholds appear in proportion.</summary>
    private static readonly (Region Region, double Weight)[] RegionWeights =
    [
        (Region.TDMNPB, 0.26), (Region.DBSH, 0.17), (Region.BTB, 0.17), (Region.DHNTB, 0.09),
        (Region.TN, 0.07), (Region.DNB, 0.06), (Region.DBSCL, 0.18),
    ];

    /// <summary>How far, in the value's own unit, a drawn figure typically lies from its threshold.</summary>
    private const double PercentSpread = 8;

    private readonly CriteriaSet _set;
    private readonly SyntheticOptions _options;
    private readonly IReadOnlyList<IndicatorShape> _shapes;
    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyList<int> _years;

    private SyntheticProvince(CompiledCriteriaSet compiled, SyntheticOptions options)
    {
        _set = compiled.Set;
        _options = options;
        _shapes = IndicatorShape.Of(compiled);
        _index = _set.Measures.Select((m, i) => (m.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        Layout = CommuneCsvLayout.For(_set);
        var last = _set.Effective.To?.Year ?? _set.Effective.From.Year + 2;
        var first = Math.Max(_set.Effective.From.Year, last - 2);
        _years = options.Years ?? Enumerable.Range(first, last - first + 1).ToArray();
        if (_years.Count == 0) throw new ArgumentException("at least one assessment year is needed", nameof(options));
    }

    /// <summary>The CSV columns the generated rows follow.</summary>
    public CommuneCsvLayout Layout { get; }

    /// <summary>A generator for <paramref name="compiled"/>'s measures and thresholds.</summary>
    public static SyntheticProvince For(CompiledCriteriaSet compiled, SyntheticOptions? options = null) => new(compiled, options ?? new SyntheticOptions());

    /// <summary>The CSV rows (without header) of communes 0 … <paramref name="count"/> − 1, lazily.</summary>
    public IEnumerable<string> Rows(int count, int seed)
    {
        for (var i = 0; i < count; i++) yield return Row(i, seed);
    }

    /// <summary>
    /// The communes, lazily, exactly as <see cref="CommuneCsvReader"/> reads them back from
    /// <see cref="WriteCsv"/>'s output named <paramref name="file"/> (same values, lines, hashes).
    /// </summary>
    public IEnumerable<CommuneData> Generate(int count, int seed, string? file = null)
    {
        file ??= DefaultFileName(seed);
        for (var i = 0; i < count; i++) yield return Layout.Parse(Row(i, seed), i + 2, file);
    }

    /// <summary>Writes the header and <paramref name="count"/> rows.</summary>
    public void WriteCsv(TextWriter output, int count, int seed)
    {
        output.Write(Layout.HeaderLine);
        output.Write('\n');
        foreach (var row in Rows(count, seed))
        {
            output.Write(row);
            output.Write('\n');
        }
    }

    /// <summary>The name generated communes carry as their file when none is given.</summary>
    public static string DefaultFileName(int seed) => $"synthetic-{seed.ToString(CultureInfo.InvariantCulture)}.csv";

    /// <summary>The CSV row of commune <paramref name="index"/>.</summary>
    public string Row(int index, int seed)
    {
        var rng = new Random(Mix(seed, index));
        var region = PickRegion(rng.NextDouble());
        var special = rng.NextDouble() < _options.SpecialDifficultyShare;
        var year = _years[rng.Next(_years.Count)];
        var date = new DateOnly(year, 12, 31);
        if (_set.Effective.To is { } end && end < date && end.Year == year) date = end;
        var thresholdRegion = special ? Region.TDMNPB : region;
        // Drawn only for a set keyed by group, so that other sets' provinces stay as they were, row for row.
        CommuneGroup? group = Layout.HasGroup ? CommuneGroups.All[rng.Next(CommuneGroups.All.Count)] : null;

        var numbers = new double?[_set.Measures.Count];
        var flags = new bool?[_set.Measures.Count];
        foreach (var shape in _shapes) Draw(shape, shape.Indicator.Threshold.Resolve(date, thresholdRegion, group), numbers, flags, rng);
        for (var i = 0; i < numbers.Length; i++)
        {
            var measure = _set.Measures[i];
            if (measure.Type == MeasureType.Boolean) flags[i] ??= rng.NextDouble() < _options.FavourableShare;
            else if (measure.Default is null) numbers[i] ??= MeasureMagnitudes.Draw(measure, rng);
            // A measure with a default (a figure most communes do not have) is left absent unless a shape drew it.
        }

        var cells = new string?[numbers.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var measure = _set.Measures[i];
            var (min, max) = MeasureMagnitudes.ValidRange(measure);
            var u = rng.NextDouble();
            if (u < _options.MissingShare || measure.Type != MeasureType.Boolean && numbers[i] is null) continue;
            if (measure.Type != MeasureType.Boolean && (min is not null || max is not null) && u < _options.MissingShare + _options.OutOfRangeShare)
                cells[i] = Text(OutOfRange(measure, min, max, rng));
            else cells[i] = measure.Type == MeasureType.Boolean ? (flags[i]!.Value ? "true" : "false") : Text(numbers[i]!.Value);
        }

        var number = (index + 1).ToString("D6", CultureInfo.InvariantCulture);
        var commune = new CommuneIdentity($"Xã Tổng Hợp {number}", "S" + number, null, _options.Province);
        return Layout.FormatRow(commune, region, special, year, date, group, cells);
    }

    private void Draw(IndicatorShape shape, ResolvedThreshold threshold, double?[] numbers, bool?[] flags, Random rng)
    {
        var op = threshold.Operator;
        switch (shape.Kind)
        {
            case ShapeKind.Direct when threshold.Value.Kind == ScalarKind.Boolean:
            {
                var i = _index[shape.Parts[0]];
                flags[i] ??= rng.NextDouble() < _options.FavourableShare ? threshold.Value.Flag : !threshold.Value.Flag;
                break;
            }
            case ShapeKind.Direct:
            {
                var i = _index[shape.Parts[0]];
                var measure = _set.Measures[i];
                var (min, max) = MeasureMagnitudes.ValidRange(measure);
                var t = threshold.Value.Number;
                var spread = measure.Type == MeasureType.Percent ? PercentSpread : Math.Max(0.2 * Math.Abs(t), 1);
                var low = min ?? double.MinValue;
                var high = max ?? double.MaxValue;
                numbers[i] ??= MeasureMagnitudes.RoundFor(measure, Near(t, op, spread, low, high, rng), low, high);
                break;
            }
            case ShapeKind.Rate or ShapeKind.Ratio when threshold.Value.Kind == ScalarKind.Number:
            {
                var totalIndex = _index[shape.Total!];
                var total = numbers[totalIndex] ??= MeasureMagnitudes.Draw(_set.Measures[totalIndex], rng);
                var t = threshold.Value.Number;
                var value = shape.Kind == ShapeKind.Rate
                    ? Near(t, op, PercentSpread, 0, 100, rng) / 100
                    : Near(t, op, Math.Max(0.25 * Math.Abs(t), 0.5), 0, double.MaxValue, rng);
                SplitAmong(shape.Parts, value * total, shape.Kind == ShapeKind.Rate ? total : double.MaxValue, numbers, rng);
                break;
            }
        }
    }

    /// <summary>Shares <paramref name="amount"/> among the parts not yet drawn, each rounded as its type is written, the sum never above <paramref name="cap"/>.</summary>
    private void SplitAmong(IReadOnlyList<string> parts, double amount, double cap, double?[] numbers, Random rng)
    {
        var open = parts.Select(p => _index[p]).Where(i => numbers[i] is null).ToArray();
        var left = Math.Min(amount, cap) - parts.Select(p => _index[p]).Where(i => numbers[i] is not null).Sum(i => numbers[i]!.Value);
        for (var n = 0; n < open.Length; n++)
        {
            var measure = _set.Measures[open[n]];
            var (min, _) = MeasureMagnitudes.ValidRange(measure);
            var share = n == open.Length - 1 ? left : left * (0.3 + 0.4 * rng.NextDouble());
            var value = measure.Type == MeasureType.Integer ? Math.Floor(Math.Max(share, 0)) : Math.Floor(Math.Max(share, 0) * 10) / 10;
            numbers[open[n]] = Math.Max(value, min ?? 0);
            left -= numbers[open[n]]!.Value;
        }
    }

    /// <summary>
    /// A value around <paramref name="threshold"/>, on the meeting side more often than not
    /// (about two communes in three meet a given indicator), clamped to [low, high].
    /// </summary>
    private static double Near(double threshold, ComparisonOperator op, double spread, double low, double high, Random rng)
    {
        var z = Normal(rng) + 0.5;
        var value = op switch
        {
            ComparisonOperator.AtLeast or ComparisonOperator.GreaterThan => threshold + z * spread,
            ComparisonOperator.AtMost or ComparisonOperator.LessThan => threshold - z * spread,
            _ => rng.NextDouble() < 0.7 ? threshold : threshold + z * spread,
        };
        return Math.Clamp(value, low, high);
    }

    private static double OutOfRange(Measure measure, double? min, double? max, Random rng)
    {
        var step = measure.Type == MeasureType.Integer ? 1 + rng.Next(10) : Math.Round(1 + 9 * rng.NextDouble(), 1);
        return max is { } hi && (min is null || rng.NextDouble() < 0.5) ? hi + step : min!.Value - step;
    }

    private static double Normal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static Region PickRegion(double u)
    {
        foreach (var (region, weight) in RegionWeights)
        {
            if (u < weight) return region;
            u -= weight;
        }
        return RegionWeights[^1].Region;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A per-commune seed from the province seed and the commune's index (SplitMix64), so that rows are independent of each other.</summary>
    private static int Mix(int seed, int index)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
