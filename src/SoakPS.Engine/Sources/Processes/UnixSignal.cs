using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace SoakPS.Engine.Sources.Processes;

/// <summary>SIGKILL to one process id, by the C library's kill(2).</summary>
[UnsupportedOSPlatform("windows")]
internal static class UnixSignal
{
    private const int SigKill = 9;

    public static bool Kill(int pid) => pid > 0 && kill(pid, SigKill) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
