using System.Globalization;
using System.Management.Automation.Host;

namespace SoakPS.Module.Tests;

/// <summary>
/// A test PSHost: without a host, -WhatIf text goes nowhere and -Confirm fails; with this one, the text is
/// recorded (see <see cref="RecordingHostUserInterface"/>) and confirmation prompts get a scripted answer.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly Guid _instanceId = Guid.NewGuid();

    public RecordingHost(int width = 200) => Interface = new RecordingHostUserInterface(width);

    public RecordingHostUserInterface Interface { get; }

    public override PSHostUserInterface UI => Interface;

    public override string Name => "SoakPS.RecordingHost";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId => _instanceId;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public int? ExitCode { get; private set; }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
