using System.Text.RegularExpressions;

namespace SoakPS.Engine.Tests.Architecture;

/// <summary>
/// The order of the engine's rooms as docs/architecture.md draws it in its <c>```rooms</c> block: one line a level,
/// the top first; rooms on one line (joined by " · ") are peers; text after two spaces describes the line.
/// </summary>
public sealed class RoomOrder
{
    private readonly Dictionary<string, int> _levels;

    private RoomOrder(Dictionary<string, int> levels) => _levels = levels;

    public IReadOnlyCollection<string> Rooms => _levels.Keys;

    public static RoomOrder Parse(string markdown)
    {
        var block = Regex.Match(markdown, "```rooms\n(.*?)```", RegexOptions.Singleline);
        if (!block.Success) throw new FormatException("The page has no ```rooms block.");
        var lines = block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var names = Regex.Split(lines[i], " {2,}")[0];
            foreach (var room in names.Split(" · ", StringSplitOptions.TrimEntries))
            {
                if (!levels.TryAdd(room, lines.Length - i)) throw new FormatException($"The room {room} is drawn twice.");
            }
        }
        return new RoomOrder(levels);
    }

    /// <summary>Why <paramref name="reference"/> goes against the order, or null when it does not (same room, or a room below).</summary>
    public string? Violation(EngineReference reference)
    {
        var (from, to) = (reference.FromRoom, reference.TargetRoom);
        if (from == to) return null;
        if (!_levels.TryGetValue(from, out var fromLevel)) return $"{reference.File}: the room {from} is not in the order";
        if (!_levels.TryGetValue(to, out var toLevel)) return $"{reference.File}: {reference.From} uses {reference.Target} of the room {to}, which is not in the order";
        if (toLevel < fromLevel) return null;
        var why = toLevel == fromLevel ? "a peer" : "above it";
        return $"{reference.File}: {reference.From} uses {reference.Target} ({reference.TargetFile}); {from} may not reach {to}, {why}";
    }
}
