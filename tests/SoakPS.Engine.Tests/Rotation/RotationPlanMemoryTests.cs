using SoakPS.Engine.Rotation;
using SoakPS.Engine.Tests.Canary;

namespace SoakPS.Engine.Tests.Rotation;

/// <summary>
/// Planning keeps a few actions per folder and the newest numbers it keeps, never an entry per summary, so what a plan
/// holds does not grow with the number of summaries. Runs alone: no other test may allocate while the heap is measured.
/// </summary>
[Collection(nameof(HeapMeasurement))]
[Trait("Category", "Slow")]
public class RotationPlanMemoryTests
{
    [Fact]
    public void A_plan_holds_one_removal_per_folder_and_its_retained_heap_does_not_grow_with_the_summary_count()
    {
        var small = RetainedByPlan(2_000);
        var large = RetainedByPlan(20_000);

        // One entry per summary (a path string, an action, even 16 bytes) would retain at least 18,000 x 16 = 288 KB more.
        Assert.True(large.Retained - small.Retained < 64 * 1024, $"plan of 2,000 summaries retains {small.Retained:N0} bytes, of 20,000: {large.Retained:N0}");
        Assert.Equal(2, small.Removals);
        Assert.Equal(2, large.Removals);
    }

    private static (long Retained, int Removals) RetainedByPlan(int summaries)
    {
        using var tree = new RotationTree();
        var latest = tree.Run(tree.Layout.Latest, "run-a", "completed", RotationTree.Now.AddDays(-1), RotationTree.Now.AddHours(-1));
        var earlier = tree.Run(Path.Combine(tree.Layout.Runs, "run-0"), "run-0", "completed", RotationTree.Now.AddDays(-2), RotationTree.Now.AddDays(-2));
        var content = new byte[] { (byte)'{', (byte)'}' };
        foreach (var folder in new[] { latest, earlier })
        {
            for (var n = 1; n <= summaries / 2; n++)
            {
                File.WriteAllBytes(Path.Combine(folder, $"ITER_SUMMARY_{n}.json"), content);
            }
        }
        var options = new RotationOptions { KeepSummaries = 100 };
        RotationPlanner.Plan(tree.Layout, options, tree.Clock); // warm-up: first-use statics are not the plan's
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var plan = RotationPlanner.Plan(tree.Layout, options, tree.Clock);
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;

        var removals = plan.Actions.Where(a => a.Kind == RotationActionKind.RemoveSummary).ToList();
        Assert.Equal(summaries - 200, removals.Sum(a => a.Files));
        Assert.Equal(summaries * 2L - 400, removals.Sum(a => a.Bytes));
        GC.KeepAlive(plan);
        return (retained, removals.Count);
    }
}
