using System.Collections.Concurrent;
using SoakPS.Engine.Rotation;

namespace SoakPS.Engine.Tests.Rotation;

public class RotationWorkersTests
{
    private static readonly AsyncLocal<string?> Flow = new();

    private static IEnumerable<RotationWorkItem> Items(int count, Action? onEach = null)
    {
        for (var i = 0; i < count; i++)
        {
            onEach?.Invoke();
            yield return new RotationWorkItem(null, null, i.ToString(System.Globalization.CultureInfo.InvariantCulture), i);
        }
    }

    [Fact]
    public void Every_item_is_worked_exactly_once_on_several_threads_that_carry_the_callers_flow()
    {
        Flow.Value = "caller";
        var seen = new ConcurrentDictionary<long, int>();
        var threads = new ConcurrentDictionary<int, bool>();
        var flows = new ConcurrentBag<string?>();

        RotationWorkers.Run(Items(1_000), 4, item =>
        {
            seen.AddOrUpdate(item.Length, 1, (_, n) => n + 1);
            threads[Environment.CurrentManagedThreadId] = true;
            flows.Add(Flow.Value);
            Thread.SpinWait(2_000);
        });

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), seen.Keys.Order());
        Assert.All(seen.Values, n => Assert.Equal(1, n));
        Assert.True(threads.Count > 1, "the work ran on more than one thread");
        Assert.All(flows, f => Assert.Equal("caller", f));
    }

    [Fact]
    public void An_unexpected_failure_stops_handing_out_work_and_reaches_the_caller()
    {
        var handedOut = 0;
        // Each item takes a millisecond, so going on past the failure would take minutes; throwing is slow the first time, so
        // the other workers may take a few more batches meanwhile.
        var boom = Assert.Throws<InvalidOperationException>(() => RotationWorkers.Run(Items(100_000, () => Interlocked.Increment(ref handedOut)), 4, item =>
        {
            if (item.Length == 10) throw new InvalidOperationException("bug in a work item");
            Thread.Sleep(1);
        }));

        Assert.Equal("bug in a work item", boom.Message);
        Assert.True(handedOut < 10_000, $"{handedOut} items were handed out after the failure");
    }
}
