using System.Runtime.ExceptionServices;

namespace SoakPS.Engine.Rotation;

/// <summary>
/// Carries out rotation's work items on threads of their own, each taking a few items at a time from one shared
/// source, so nothing is listed ahead. Own threads rather than the thread pool: the work is mostly waiting on unlink
/// and fsync, and a fresh process's pool starts with one thread per core, adding more only after its work has waited,
/// which a daily rotation's few hundred milliseconds mostly does not outlast.
/// </summary>
internal static class RotationWorkers
{
    private const int Batch = 8;

    /// <summary>Runs <paramref name="work"/> on every item with <paramref name="workers"/> threads (the caller's among them), then rethrows the first unexpected failure.</summary>
    public static void Run(IEnumerable<RotationWorkItem> source, int workers, Action<RotationWorkItem> work)
    {
        using var items = source.GetEnumerator();
        var gate = new object();
        Exception? failure = null;

        void Loop()
        {
            var batch = new RotationWorkItem[Batch];
            try
            {
                while (true)
                {
                    var taken = 0;
                    lock (gate)
                    {
                        while (failure is null && taken < Batch && items.MoveNext()) batch[taken++] = items.Current;
                    }
                    if (taken == 0) return;
                    for (var i = 0; i < taken; i++) work(batch[i]);
                }
            }
            catch (Exception e)
            {
                lock (gate) failure ??= e;
            }
        }

        // Started threads carry the caller's execution context, so a file system put in place for this flow applies in them too.
        var threads = new Thread[Math.Max(0, workers - 1)];
        for (var i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(Loop) { IsBackground = true, Name = "SoakPS rotation" };
            threads[i].Start();
        }
        Loop();
        foreach (var thread in threads) thread.Join();
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }
}
