
using SoakPS.Engine.Rotation;

namespace SoakPS.Engine.Tests.Rotation;

/// <summary>The digest's bounded heap keeps exactly what a full sort would pick, whatever order the directory lists files in.</summary>
public class SummaryDigestTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 3)]
    [InlineData(10, 4)]
    [InlineData(100, 5)]
    [InlineData(5000, 6)]
    public void Keeps_every_file_of_the_newest_numbers_and_totals_all_files_in_any_order(int keep, int seed)
    {
        var random = new Random(seed);
        var files = new List<DigestedSummary>();
        foreach (var n in Enumerable.Range(0, 400).Select(_ => random.Next(0, 1_000)).Distinct())
        {
            var form = random.Next(3); // plain, .gz or both
            if (form != 1) files.Add(new DigestedSummary(n, false, random.Next(0, 5_000)));
            if (form != 0) files.Add(new DigestedSummary(n, true, random.Next(0, 5_000)));
        }
        var orders = new[] { files.OrderBy(f => f.Iteration), files.OrderByDescending(f => f.Iteration), files.OrderBy(_ => random.Next()) };

        foreach (var order in orders.Select(o => o.ToList()))
        {
            var digest = new SummaryDigest(keep);
            foreach (var f in order) digest.Add(f.Iteration, f.Compressed, f.Length);

            var newestNumbers = files.Select(f => f.Iteration).Distinct().OrderDescending().Take(keep).ToHashSet();
            var kept = digest.Newest();
            Assert.Equal(files.Count, digest.Files);
            Assert.Equal(files.Sum(f => f.Length), digest.Bytes);
            Assert.Equal(files.Select(f => f.Iteration).Distinct().Count() > keep, digest.Overflowed);
            Assert.Equal(kept.OrderByDescending(f => f.Iteration).ThenByDescending(f => f.Compressed), kept);
            Assert.True(files.Where(f => newestNumbers.Contains(f.Iteration)).ToHashSet().IsSubsetOf(kept), "every file of the newest numbers is kept");
            Assert.True(kept.Length <= 2 * keep);
            Assert.All(kept, f => Assert.Contains(f, files));
        }
    }
}
