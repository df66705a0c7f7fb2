namespace SoakPS.Engine.Files;

/// <summary>
/// Runs a function over a sequence on all cores while the caller receives the results in the sequence's order, as
/// they become ready. At most two batches are in memory at once (the one being handed out and the one being worked
/// on), so memory is bounded by the batch size, not by the length of the sequence. Batches start small, so the first
/// result comes quickly, and double up to <see cref="MaxBatch"/>. The sequence itself is only read on the caller's thread.
/// </summary>
internal static class OrderedReadAhead
{
    public const int FirstBatch = 8;
    public const int MaxBatch = 512;

    public static IEnumerable<TResult> Select<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> work, CancellationToken cancel = default)
    {
        using var source = items.GetEnumerator();
        var size = FirstBatch;
        var pending = Start(Take(source, size), work, cancel);
        try
        {
            while (true)
            {
                var ready = Finish(pending);
                pending = null;
                if (ready.Length == 0)
                {
                    yield break;
                }
                size = Math.Min(MaxBatch, size * 2);
                var next = Take(source, size);
                pending = next.Length == 0 ? null : Start(next, work, cancel);
                foreach (var result in ready)
                {
                    yield return result;
                }
                if (pending is null)
                {
                    yield break;
                }
            }
        }
        finally
        {
            // A caller that stops early (an error, Select-Object -First) leaves no work running behind it.
            try
            {
                pending?.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }
        }
    }

    private static TResult[] Finish<TResult>(Task<TResult[]> batch)
    {
        try
        {
            return batch.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            throw;
        }
    }

    private static TItem[] Take<TItem>(IEnumerator<TItem> source, int count)
    {
        var batch = new List<TItem>(count);
        while (batch.Count < count && source.MoveNext())
        {
            batch.Add(source.Current);
        }
        return batch.ToArray();
    }

    private static Task<TResult[]> Start<TItem, TResult>(TItem[] batch, Func<TItem, TResult> work, CancellationToken cancel) =>
        Task.Run(() =>
        {
            var results = new TResult[batch.Length];
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => results[i] = work(batch[i]));
            return results;
        }, cancel);
}
