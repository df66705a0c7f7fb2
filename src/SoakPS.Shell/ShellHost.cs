using System.Globalization;
using System.Management.Automation.Host;

namespace SoakPS.Shell;

/// <summary>The PSHost of the shell: identifies the host and records the code a script's `exit N` asks for.</summary>
public sealed class ShellHost : PSHost
{
    private readonly Guid _instanceId = Guid.NewGuid();

    public ShellHost(ConsoleOutput output) => UI = new ShellHostUserInterface(output);

    public override string Name => "SoakPS.Shell";

    public override Version Version { get; } = typeof(ShellHost).Assembly.GetName().Version ?? new Version(0, 0);

    public override Guid InstanceId => _instanceId;

    public override PSHostUserInterface UI { get; }

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>Set when the script ran `exit N` at the top level.</summary>
    public int? ExitCode { get; private set; }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() => throw new NotSupportedException("SoakPS.Shell has no nested prompt.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("SoakPS.Shell has no nested prompt.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
