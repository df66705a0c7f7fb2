namespace SoakPS.Engine.Parameters;

/// <summary>" Did you mean 'x'?" for a mistyped key among known names (parameters, policy settings).</summary>
internal static class NameSuggestion
{
    public static string For(string name, IEnumerable<string> known, string what = "names")
    {
        var names = known.ToArray();
        if (names.Length == 0) return string.Empty;
        var best = names.Select(n => (Name: n, Distance: Distance(name.ToLowerInvariant(), n))).OrderBy(x => x.Distance).First();
        return best.Distance <= Math.Max(3, best.Name.Length / 3)
            ? $" Did you mean '{best.Name}'?"
            : $" Known {what}: {string.Join(", ", names)}.";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
