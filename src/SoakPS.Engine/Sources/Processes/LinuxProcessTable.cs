using System.Globalization;
using System.Runtime.Versioning;
using System.Text;

namespace SoakPS.Engine.Sources.Processes;

/// <summary>
/// One reading of /proc: every live process with its parent. A tree is the descendants of a root by parent links plus
/// every process whose environment carries the tree's cookie: a child whose parent exited is re-parented to init and
/// drops out of the parent links, but it keeps the environment it inherited.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxProcessTable
{
    private readonly Dictionary<int, int> _parents;

    private LinuxProcessTable(Dictionary<int, int> parents) => _parents = parents;

    public static LinuxProcessTable Read()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && TryReadStat(pid, out var parent, out var state) && state is not ('Z' or 'X' or 'x'))
            {
                parents[pid] = parent;
            }
        }
        return new LinuxProcessTable(parents);
    }

    public bool IsRunning(int pid) => _parents.ContainsKey(pid);

    public IReadOnlyList<int> TreeOf(int root, string cookieEntry)
    {
        var self = Environment.ProcessId;
        var members = new HashSet<int>();
        if (_parents.ContainsKey(root))
        {
            members.Add(root);
        }
        var children = _parents.ToLookup(p => p.Value, p => p.Key);
        var queue = new Queue<int>(new[] { root });
        while (queue.Count > 0)
        {
            foreach (var child in children[queue.Dequeue()])
            {
                if (members.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }
        var needle = Encoding.UTF8.GetBytes(cookieEntry + "\0");
        foreach (var pid in _parents.Keys)
        {
            if (pid != self && !members.Contains(pid) && EnvironmentContains(pid, needle))
            {
                members.Add(pid);
            }
        }
        members.Remove(self);
        return members.ToArray();
    }

    private static bool TryReadStat(int pid, out int parent, out char state)
    {
        parent = 0;
        state = '?';
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so parse after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 4 >= stat.Length)
        {
            return false;
        }
        var fields = stat[(close + 2)..].Split(' ', 3);
        state = fields[0][0];
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out parent);
    }

    private static bool EnvironmentContains(int pid, byte[] needle)
    {
        try
        {
            var environ = File.ReadAllBytes($"/proc/{pid}/environ");
            return environ.AsSpan().IndexOf(needle) >= 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
