using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// Runs the evaluations on the thread pool, a chunk of consecutive items per work item and at most
/// a given number of chunks at once, and hands the results back in input order. A bounded queue
/// between the reader of the items and the consumer of the results keeps memory flat however many
/// items there are: reading waits while the consumer is behind.
/// </summary>
internal static class BatchEvaluation
{
    /// <summary>Chunks waiting to be consumed, per worker; enough to keep workers busy while the consumer writes.</summary>
    private const int QueuePerWorker = 2;

    /// <summary>
    /// Items per work item. One commune takes tens of microseconds; scheduling a task, taking a
    /// slot and queueing per commune cost a noticeable share of that, per chunk they do not. Large
    /// chunks also keep each worker on its own run of communes for milliseconds at a time: on two
    /// busy cores, small chunks had the workers, the reader and the consumer take turns so often that
    /// the parallel path was slower than one worker. At most (2 + 1) chunks per worker are in memory.
    /// </summary>
    internal const int ChunkSize = 128;

    public static async IAsyncEnumerable<TResult> RunAsync<TItem, TResult>(Func<TItem, Task<TResult>> evaluate, IEnumerable<TItem> items,
        int degreeOfParallelism, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        if (degreeOfParallelism == 1)
        {
            // One worker gains nothing from the queue and its reader task, which only take turns with the
            // consumer: each item is evaluated as it is read, on the consumer's thread, as a plain loop would.
            await foreach (var result in InlineAsync(evaluate, items, cancellationToken)) yield return result;
            yield break;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = Channel.CreateBounded<Task<TResult[]>>(new BoundedChannelOptions(degreeOfParallelism * QueuePerWorker)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        // Not disposed: a worker still running after an early stop releases its slot afterwards.
        var slots = new SemaphoreSlim(degreeOfParallelism);
        var producer = Task.Run(() => ProduceAsync(evaluate, items, pending.Writer, slots, stop.Token));

        try
        {
            await foreach (var work in pending.Reader.ReadAllAsync(stop.Token))
            {
                foreach (var result in await work) yield return result;
            }
            await producer;
        }
        finally
        {
            stop.Cancel();
            await Quietly(producer);
            while (pending.Reader.TryRead(out var left)) await Quietly(left);
        }
    }

    /// <summary>Evaluates each item when it is read and hands its result back before reading the next.</summary>
    private static async IAsyncEnumerable<TResult> InlineAsync<TItem, TResult>(Func<TItem, Task<TResult>> evaluate, IEnumerable<TItem> items,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await evaluate(item);
        }
    }

    /// <summary>
    /// Reads <paramref name="items"/> in chunks and starts one evaluation task per chunk when a worker
    /// slot is free, queueing the tasks in reading order. Items read before a reading failure are still
    /// evaluated and handed back before it. Completes the queue however it ends.
    /// </summary>
    private static async Task ProduceAsync<TItem, TResult>(Func<TItem, Task<TResult>> evaluate, IEnumerable<TItem> items,
        ChannelWriter<Task<TResult[]>> pending, SemaphoreSlim slots, CancellationToken stop)
    {
        try
        {
            var buffer = new List<TItem>(ChunkSize);
            using var reader = items.GetEnumerator();
            while (true)
            {
                ExceptionDispatchInfo? failure = null;
                bool more;
                try
                {
                    more = reader.MoveNext();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                    more = false;
                }
                if (more)
                {
                    buffer.Add(reader.Current);
                    if (buffer.Count < ChunkSize) continue;
                }
                if (buffer.Count > 0)
                {
                    await SubmitAsync(evaluate, buffer.ToArray(), pending, slots, stop);
                    buffer.Clear();
                }
                failure?.Throw();
                if (!more) break;
            }
        }
        finally
        {
            // Completed without an error: the consumer rethrows the producer's own exception, unwrapped.
            pending.TryComplete();
        }
    }

    /// <summary>Waits for a worker slot, then evaluates <paramref name="chunk"/> on the thread pool and queues its task.</summary>
    private static async Task SubmitAsync<TItem, TResult>(Func<TItem, Task<TResult>> evaluate, TItem[] chunk,
        ChannelWriter<Task<TResult[]>> pending, SemaphoreSlim slots, CancellationToken stop)
    {
        await slots.WaitAsync(stop);
        var work = Task.Run(async () =>
        {
            try
            {
                var results = new TResult[chunk.Length];
                for (var i = 0; i < chunk.Length; i++)
                {
                    stop.ThrowIfCancellationRequested();
                    results[i] = await evaluate(chunk[i]);
                }
                return results;
            }
            finally
            {
                slots.Release();
            }
        });
        if (!pending.TryWrite(work)) await pending.WriteAsync(work, stop);
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
