using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// Runs one evaluation per item on the thread pool, at most a given number at once, and hands the
/// results back in input order. A bounded queue between the reader of the items and the consumer of
/// the results keeps memory flat however many items there are: reading waits while the consumer
/// is behind.
/// </summary>
internal static class BatchEvaluation
{
    /// <summary>Results waiting to be consumed, per worker; enough to keep workers busy while the consumer writes.</summary>
    private const int QueuePerWorker = 4;

    public static async IAsyncEnumerable<TResult> RunAsync<TItem, TResult>(Func<TItem, Task<TResult>> evaluate, IEnumerable<TItem> items,
        int degreeOfParallelism, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = Channel.CreateBounded<Task<TResult>>(new BoundedChannelOptions(degreeOfParallelism * QueuePerWorker)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        // Not disposed: a worker still running after an early stop releases its slot afterwards.
        var slots = new SemaphoreSlim(degreeOfParallelism);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var item in items)
                {
                    await slots.WaitAsync(stop.Token);
                    var work = Task.Run(async () =>
                    {
                        try
                        {
                            return await evaluate(item);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    });
                    if (!pending.Writer.TryWrite(work)) await pending.Writer.WriteAsync(work, stop.Token);
                }
            }
            finally
            {
                // Completed without an error: the consumer rethrows the producer's own exception, unwrapped.
                pending.Writer.TryComplete();
            }
        });

        try
        {
            await foreach (var work in pending.Reader.ReadAllAsync(stop.Token))
                yield return await work;
            await producer;
        }
        finally
        {
            stop.Cancel();
            await Quietly(producer);
            while (pending.Reader.TryRead(out var left)) await Quietly(left);
        }
    }

    /// <summary>Waits for a task the consumer no longer wants, so that its failure is observed and not left behind.</summary>
    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch
        {
            // The consumer stopped early or already has the first failure; later ones say nothing new.
        }
    }
}
