using System.Diagnostics;

namespace SoakPS.Engine.Sources.Processes;

/// <summary>
/// A started process and everything it starts, ended together: on timeout, on Stop, and when the process exits and
/// leaves children behind. Windows puts the process in a Job Object that kills the whole job when its handle closes;
/// Linux finds the tree by parent links and by a cookie in the environment every descendant inherits (which also finds
/// children orphaned to init); other systems use Process.Kill(entireProcessTree), which sees only the live parent chain.
/// </summary>
internal sealed class ProcessTree : IDisposable
{
    /// <summary>The environment variable whose unique value marks every process of one tree (inherited unless a process clears its environment).</summary>
    public const string CookieVariable = "SOAK_PROCESS_TREE";

    private readonly string _cookie;
    private readonly WindowsJobObject? _job;

    private ProcessTree(Process root, string cookie, WindowsJobObject? job)
    {
        Root = root;
        _cookie = cookie;
        _job = job;
    }

    public Process Root { get; }

    /// <summary>Starts the process (never through a shell) with a fresh tree cookie in its environment.</summary>
    public static ProcessTree Start(ProcessStartInfo start)
    {
        var cookie = Guid.NewGuid().ToString("N");
        start.UseShellExecute = false;
        start.Environment[CookieVariable] = cookie;
        var job = OperatingSystem.IsWindows() ? WindowsJobObject.CreateKillOnClose() : null;
        Process root;
        try
        {
            root = Process.Start(start) ?? throw new InvalidOperationException($"'{start.FileName}' did not start a process.");
        }
        catch
        {
            job?.Dispose();
            throw;
        }
        if (job is not null && OperatingSystem.IsWindows() && !job.TryAssign(root))
        {
            // Already in a job that forbids nesting: fall back to the descendant walk of Process.Kill.
            job.Dispose();
            job = null;
        }
        return new ProcessTree(root, cookie, job);
    }

    /// <summary>Kills every process of the tree that is still running, the root included; returns how many were signalled.</summary>
    public int Kill()
    {
        if (_job is not null && OperatingSystem.IsWindows())
        {
            _job.Terminate();
            return 1;
        }
        if (OperatingSystem.IsLinux())
        {
            return KillLinuxTree();
        }
        try
        {
            if (!Root.HasExited)
            {
                Root.Kill(entireProcessTree: true);
                return 1;
            }
        }
        catch (InvalidOperationException)
        {
        }
        return 0;
    }

    /// <summary>The processes of the tree still running (Linux: found through /proc; elsewhere: the root only).</summary>
    public IReadOnlyList<int> Members() => OperatingSystem.IsLinux()
        ? LinuxProcessTable.Read().TreeOf(Root.Id, CookieVariable + "=" + _cookie)
        : Root.HasExited ? Array.Empty<int>() : new[] { Root.Id };

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private int KillLinuxTree()
    {
        var signalled = 0;
        // Rounds, because a member may fork while it is being killed; each round sees what the previous one missed.
        for (var round = 0; round < 50; round++)
        {
            var members = Members();
            if (members.Count == 0)
            {
                break;
            }
            foreach (var pid in members)
            {
                if (UnixSignal.Kill(pid))
                {
                    signalled++;
                }
            }
            Thread.Sleep(round < 5 ? 5 : 50);
        }
        return signalled;
    }

    public void Dispose()
    {
        _job?.Dispose();
        Root.Dispose();
    }
}
