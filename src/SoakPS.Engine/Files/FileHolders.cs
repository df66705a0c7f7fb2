using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace SoakPS.Engine.Files;

/// <summary>
/// Names the processes that have a file open, through the Windows Restart Manager, so an error for a file that
/// stayed in use can say who holds it. Elsewhere (and when Windows cannot tell) it names nobody.
/// </summary>
internal static class FileHolders
{
    private const int ErrorMoreData = 234;

    /// <summary>"python.exe (process 4242)", comma-separated; null when nobody can be named.</summary>
    public static string? Describe(string path)
    {
        if (!OperatingSystem.IsWindows()) return null;
        try
        {
            return DescribeOnWindows(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or ExternalException)
        {
            return null;
        }
    }

    [SupportedOSPlatform("windows")]
    private static string? DescribeOnWindows(string path)
    {
        var key = new StringBuilder(33);
        if (RmStartSession(out var session, 0, key) != 0) return null;
        try
        {
            if (RmRegisterResources(session, 1, new[] { path }, 0, null, 0, null) != 0) return null;
            uint count = 0, reasons = 0;
            var status = RmGetList(session, out var needed, ref count, null, ref reasons);
            if (status != ErrorMoreData || needed == 0) return null;
            var processes = new RmProcessInfo[needed];
            count = needed;
            if (RmGetList(session, out _, ref count, processes, ref reasons) != 0) return null;
            return string.Join(", ", processes.Take((int)count).Select(p => $"{p.AppName} (process {p.Process.ProcessId})"));
        }
        finally
        {
            _ = RmEndSession(session); // Nothing to do if ending the session fails: it only frees the manager's memory.
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RmUniqueProcess
    {
        public int ProcessId;
        public System.Runtime.InteropServices.ComTypes.FILETIME ProcessStartTime;
    }

    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    private struct RmProcessInfo
    {
        public RmUniqueProcess Process;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 256)] public string AppName;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 64)] public string ServiceShortName;
        public int ApplicationType;
        public uint AppStatus;
        public uint TerminalServicesSessionId;
        [MarshalAs(UnmanagedType.Bool)] public bool Restartable;
    }

    [DllImport("rstrtmgr.dll", CharSet = CharSet.Unicode)]
    private static extern int RmStartSession(out uint session, int flags, StringBuilder sessionKey);

    [DllImport("rstrtmgr.dll")]
    private static extern int RmEndSession(uint session);

    [DllImport("rstrtmgr.dll", CharSet = CharSet.Unicode)]
    private static extern int RmRegisterResources(uint session, uint fileCount, string[] files, uint applicationCount,
        RmUniqueProcess[]? applications, uint serviceCount, string[]? services);

    [DllImport("rstrtmgr.dll")]
    private static extern int RmGetList(uint session, out uint needed, ref uint count, [In, Out] RmProcessInfo[]? processes, ref uint rebootReasons);
}
