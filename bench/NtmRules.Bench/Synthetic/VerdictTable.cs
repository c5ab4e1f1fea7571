namespace NtmRules.Bench.Synthetic;

/// <summary>The verdicts of one path: one byte per commune and indicator, so that even 100,000 communes stay small.</summary>
public sealed class VerdictTable
{
    private readonly Verdict[] _cells;

    /// <summary>An empty table (every cell <see cref="Verdict.None"/>).</summary>
    /// <param name="communes">Number of communes (rows).</param>
    /// <param name="indicatorCodes">Indicator codes in the set's order (columns).</param>
    public VerdictTable(int communes, IReadOnlyList<string> indicatorCodes)
    {
        Communes = communes;
        IndicatorCodes = indicatorCodes;
        _cells = new Verdict[checked(communes * indicatorCodes.Count)];
    }

    /// <summary>Number of communes.</summary>
    public int Communes { get; }

    /// <summary>Indicator codes, in column order.</summary>
    public IReadOnlyList<string> IndicatorCodes { get; }

    /// <summary>The verdict of indicator column <paramref name="indicator"/> for commune <paramref name="commune"/>.</summary>
    public Verdict this[int commune, int indicator]
    {
        get => _cells[commune * IndicatorCodes.Count + indicator];
        set => _cells[commune * IndicatorCodes.Count + indicator] = value;
    }

    /// <summary>Sets every cell back to <see cref="Verdict.None"/>, so that a run that skips a commune shows.</summary>
    public void Clear() => Array.Clear(_cells);

    internal ReadOnlySpan<Verdict> Cells => _cells;
}
