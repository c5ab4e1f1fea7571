using System.Collections.Concurrent;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Data;

namespace NtmRules.Intake.Batch;

/// <summary>
/// Hands the readers' problems to the consumer of a batch's results so that they are written in input
/// order without being held until the end: the reading side (one background task) notes every problem
/// and passes each accepted commune with the problems noted since the previous one; the consuming side,
/// which receives results in input order, takes them back with the commune's result. Only the problems
/// of rows between two accepted communes, and of communes still being evaluated, are held at once.
/// </summary>
internal sealed class ProblemsInInputOrder
{
    private readonly ConcurrentDictionary<CommuneData, (string Where, List<IntakeProblem>? Before)> _passed = new(ReferenceEqualityComparer.Instance);
    // Touched by the reading side only, until the reading has ended.
    private List<IntakeProblem>? _noted;
    private int _rejected;

    /// <summary>Rows (or whole files) rejected so far; read from either side.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>Reading side: problems found at this point of the input.</summary>
    public void Note(IEnumerable<IntakeProblem> problems)
    {
        foreach (var p in problems) (_noted ??= []).Add(p);
    }

    /// <summary>Reading side: a row or file not evaluated.</summary>
    public void Reject() => Interlocked.Increment(ref _rejected);

    /// <summary>Reading side: an accepted commune goes to evaluation, with the problems noted before it.</summary>
    public void Pass(CommuneData data, string where)
    {
        _passed[data] = (where, _noted);
        _noted = null;
    }

    /// <summary>Consuming side: where <paramref name="data"/> came from (its file when unknown) and the problems to write before its result.</summary>
    public (string Where, IReadOnlyList<IntakeProblem> Before) Take(CommuneData data) =>
        _passed.TryRemove(data, out var passed) ? (passed.Where, passed.Before ?? []) : (data.File, []);

    /// <summary>Consuming side, once the reading has ended: the problems noted after the last accepted commune.</summary>
    public IReadOnlyList<IntakeProblem> Rest()
    {
        var rest = _noted ?? [];
        _noted = null;
        return rest;
    }
}
