using SoakPS.Engine.Files;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Runs;

/// <summary>Work runs on several threads a bounded batch ahead, yet results come out in the input's order.</summary>
public class OrderedReadAheadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(OrderedReadAhead.FirstBatch)]
    [InlineData(OrderedReadAhead.FirstBatch + 1)]
    [InlineData(3_000)]
    public void Results_come_in_input_order_whatever_order_the_work_finishes_in(int count)
    {
        var random = new Random(count);
        var delays = Enumerable.Range(0, count).Select(_ => random.Next(0, 3) == 0 ? 1 : 0).ToArray();

        var results = OrderedReadAhead.Select(Enumerable.Range(0, count), i =>
        {
            if (delays[i] > 0) Thread.Sleep(delays[i]);
            return i * 2;
        }).ToList();

        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 2), results);
    }

    [Fact]
    public void Two_items_of_a_batch_are_worked_on_at_the_same_time_when_there_is_more_than_one_core()
    {
        if (Environment.ProcessorCount < 2)
        {
            return;
        }
        // Each of the two waits for the other: a reader that worked one item at a time would time out here.
        using var both = new CountdownEvent(2);
        var met = new System.Collections.Concurrent.ConcurrentBag<bool>();

        _ = OrderedReadAhead.Select(Enumerable.Range(0, OrderedReadAhead.FirstBatch), i =>
        {
            if (i is 0 or OrderedReadAhead.FirstBatch - 1)
            {
                both.Signal();
                met.Add(both.Wait(TimeSpan.FromSeconds(30)));
            }
            return i;
        }).ToList();

        Assert.Equal(new[] { true, true }, met);
    }

    [Fact]
    public void Work_never_runs_more_than_two_batches_ahead_of_the_consumer()
    {
        var started = 0;
        var consumed = 0;
        var furthestAhead = 0;
        foreach (var _ in OrderedReadAhead.Select(Enumerable.Range(0, 5_000), i =>
        {
            var ahead = Interlocked.Increment(ref started) - Volatile.Read(ref consumed);
            InterlockedMax(ref furthestAhead, ahead);
            return i;
        }))
        {
            Interlocked.Increment(ref consumed);
            Thread.SpinWait(100);
        }

        Assert.Equal(5_000, started);
        Assert.InRange(furthestAhead, 1, 2 * OrderedReadAhead.MaxBatch);
    }

    [Fact]
    public void A_consumer_that_stops_early_leaves_no_work_running_and_the_rest_is_never_read()
    {
        var running = 0;
        var taken = 0;
        var items = Enumerable.Range(0, 100_000).Select(i => { Interlocked.Increment(ref taken); return i; });

        var first = OrderedReadAhead.Select(items, i =>
        {
            Interlocked.Increment(ref running);
            Thread.SpinWait(1_000);
            Interlocked.Decrement(ref running);
            return i;
        }).Take(20).ToList();

        Assert.Equal(Enumerable.Range(0, 20), first);
        Assert.Equal(0, Volatile.Read(ref running));
        Assert.True(taken < 2 * OrderedReadAhead.MaxBatch, $"{taken} items were taken from the source");
    }

    [Fact]
    public void An_exception_in_the_work_reaches_the_consumer_as_itself()
    {
        var error = Record.Exception(() => OrderedReadAhead.Select(Enumerable.Range(0, 100), i => i == 50 ? throw new InvalidDataException("item 50") : i).ToList());
        Assert.Equal("item 50", Assert.IsType<InvalidDataException>(error).Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
