namespace SoakPS.Engine.Tests.Observability;

/// <summary>The real promtool (Debian package prometheus, tools/install-deps.sh) checking exposition text.</summary>
public static class Promtool
{
    public static (int ExitCode, string Output) CheckMetrics(string exposition) =>
        ExternalTool.Run("promtool", ["check", "metrics"], exposition, TimeSpan.FromSeconds(30));
}
