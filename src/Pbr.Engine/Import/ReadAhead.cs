using System.Collections.Concurrent;

namespace Pbr.Engine.Import;

/// <summary>
/// Runs an enumeration on a thread of its own, a few batches ahead of its consumer, so that reading a
/// file and checking its rows use two cores instead of taking turns on one.
/// </summary>
/// <remarks>
/// A large import spent about 2 s of its 7 s before the COPY in CsvHelper and 5 s checking rows, one after
/// the other, with the server idle (docs/benchmarks.md). Items come out in the source's order; an
/// exception the source throws comes out after the items before it. The source is enumerated and
/// disposed on the reading thread, which has stopped before the consumer's enumeration ends, so a
/// stream the caller owns is never read after the caller has let go of it.
/// </remarks>
internal static class ReadAhead
{
    private const int BatchSize = 1024;
    private const int BatchesAhead = 16;

    public static IEnumerable<T> Of<T>(IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Run(source);
    }

    private static IEnumerable<T> Run<T>(IEnumerable<T> source)
    {
        using var queue = new BlockingCollection<T[]>(BatchesAhead);
        using var stop = new CancellationTokenSource();
        var reader = Task.Factory.StartNew(
            () => Read(source, queue, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }

            // Every item is out: now the reader's exception, if it ended with one.
            reader.GetAwaiter().GetResult();
        }
        finally
        {
            // The consumer is done, or stopped early: the reader stops at its next batch, and is waited for.
            stop.Cancel();
            try
            {
                reader.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Its cancellation; or an exception already rethrown above, or one the consumer's own ending hides.
            }
        }
    }

    private static void Read<T>(IEnumerable<T> source, BlockingCollection<T[]> queue, CancellationToken stop)
    {
        var batch = new T[BatchSize];
        var count = 0;
        try
        {
            foreach (var item in source)
            {
                batch[count++] = item;
                if (count == BatchSize)
                {
                    queue.Add(batch, stop);
                    batch = new T[BatchSize];
                    count = 0;
                }
            }
        }
        finally
        {
            try
            {
                // The last items, also those read before the source threw: they come out before its exception.
                if (count > 0 && !stop.IsCancellationRequested)
                {
                    queue.Add(batch[..count], stop);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        }
    }
}
