using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests;

/// <summary>The table views of SoakProfileInfo and SoakParameterValue, rendered by Out-Default through a host that keeps the text.</summary>
[Collection(EnvironmentVariableCollection.Name)]
public sealed class ProfileFormatViewTests
{
    [Fact]
    public void Profiles_and_resolved_values_render_as_their_tables()
    {
        Environment.SetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON", null);
        var root = Path.Combine(Path.GetTempPath(), "soakps-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var text = Render($"Get-SoakProfile -ArtifactPath '{root}' | Out-Default; Get-SoakProfile steady_safe -Resolved -ArtifactPath '{root}' | Out-Default");
            var lines = text.Split('\n').Select(l => l.TrimEnd()).ToArray();
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^Name\s+Kind\s+Spread\s+ImpCap\s+MaxDelta\s+MinIntMs\s+Replace\s+TailMs$"));
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^steady_safe\s+BuiltIn\s+0\.16\s+0\.08\s+0\.12\s+75\s+260\s+740$"));
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^Name\s+Value\s+Unit\s+Source\s+Min\s+Max$"));
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^tail_age_ms\s+740\s+ms\s+Profile\s+500\s+800$"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Render(string script)
    {
        var host = new TextHost();
        using var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript($"Import-Module '{PowerShellSession.ModulePath}' -ErrorAction Stop; {script}");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        // PowerShell 7.6 styles table headers with ANSI sequences even for plain text.
        return Regex.Replace(host.Text, @"\x1b\[[0-9;]*m", string.Empty);
    }

    private sealed class TextHost : PSHost
    {
        private readonly TextUserInterface _ui = new();
        public string Text => _ui.Output.ToString();
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override string Name => "SoakPS test host";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    private sealed class TextUserInterface : PSHostUserInterface
    {
        public StringBuilder Output { get; } = new();
        public override PSHostRawUserInterface RawUI { get; } = new WideRawUserInterface();
        public override string ReadLine() => string.Empty;
        public override SecureString ReadLineAsSecureString() => new();
        public override void Write(string value) => Output.Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Output.Append(value);
        public override void WriteLine(string value) => Output.Append(value).Append('\n');
        public override void WriteErrorLine(string value) => Output.Append(value).Append('\n');
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => new();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
    }

    private sealed class WideRawUserInterface : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; }
        public override ConsoleColor ForegroundColor { get; set; }
        public override Size BufferSize { get; set; } = new(250, 1000);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(250, 1000);
        public override Size MaxWindowSize => new(250, 1000);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new(250, 1000);
        public override string WindowTitle { get; set; } = string.Empty;
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
