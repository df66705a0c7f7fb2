using System.Net;
using System.Net.Sockets;

namespace SoakPS.Module.Tests.Observability;

/// <summary>Start-SoakRun -MetricsPort/-MetricsFile: the endpoint's output, and the server's life bound to the run's.</summary>
public class MetricsServerTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Trait("Category", "Prometheus")]
    [Fact]
    public void The_endpoint_serves_metrics_promtool_accepts_during_the_run_and_stops_listening_when_the_run_is_stopped()
    {
        using var s = new PowerShellSession();
        using var run = new BackgroundRun(s, $"Start-SoakRun -Mock -Iterations 100000 -AutoTune -IntervalSeconds 0.05 -MetricsPort 0 -ArtifactPath '{s.ArtifactRoot}'");
        var url = run.BaseUrl() + "metrics";
        run.WaitForIterations(3, Minute);
        var text = Net.Get(url);
        var (exit, output) = ExternalTool.Run("promtool", new[] { "check", "metrics" }, text);
        Assert.True(exit == 0, "promtool check metrics: " + output + "\n" + text);
        Assert.Contains("soak_net_bps ", text);
        Assert.Contains("status=\"running\"", text);
        var port = Net.PortOf(url);
        Assert.All(Net.ListenersOn(port), e => Assert.Equal(IPAddress.Loopback, e.Address));
        Assert.NotEmpty(Net.ListenersOn(port));

        run.Stop();
        Assert.False(Net.Listening(port), "the server outlived the stopped run");
    }

    [Trait("Category", "Prometheus")]
    [Fact]
    public void The_server_stops_when_the_run_completes_and_the_textfile_holds_the_final_state()
    {
        using var s = new PowerShellSession();
        var file = Path.Combine(s.ArtifactRoot, "textfile", "soak.prom");
        var result = s.Run($"Start-SoakRun -Mock -Iterations 4 -MetricsPort 0 -MetricsFile '{file}' -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Null(result.Terminating);
        Assert.Equal(4, result.Output.Count);
        var announced = result.Information.Select(i => i.MessageData?.ToString() ?? "").Single(m => m.StartsWith("Metrics: ", StringComparison.Ordinal));
        var port = Net.PortOf(System.Text.RegularExpressions.Regex.Match(announced, @"http://[^ ]+").Value);
        Assert.False(Net.Listening(port));
        var text = File.ReadAllText(file);
        Assert.Matches("(?m)^soak_iteration\\{run_id=\"[^\"]+\"\\} 4$", text);
        Assert.Contains("status=\"completed\"", text);
        Assert.Equal(0, ExternalTool.Run("promtool", new[] { "check", "metrics" }, text).ExitCode);
    }

    [Fact]
    public void The_server_stops_when_the_run_fails()
    {
        using var s = new PowerShellSession();
        var empty = Directory.CreateDirectory(Path.Combine(s.ArtifactRoot, "no-reports")).FullName;
        var port = Net.FreePort();
        var result = s.Run($"Start-SoakRun -Replay '{empty}' -Iterations 10 -MetricsPort {port} -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Equal("SourceFailedRepeatedly", result.ErrorWithId("SourceFailedRepeatedly").FullyQualifiedErrorId.Split(',')[0]);
        // The server was up while the run failed (it announced itself before the first iteration), and is gone now.
        Assert.Contains(result.Information, i => (i.MessageData?.ToString() ?? "").Contains($"http://127.0.0.1:{port}/metrics", StringComparison.Ordinal));
        Assert.Equal("failed", System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(s.ArtifactRoot, "latest", "run.json"))).RootElement.GetProperty("status").GetString());
        Assert.False(Net.Listening(port));
    }

    [Theory]
    [InlineData("-MetricsPort {0}")]
    [InlineData("-Dashboard -DashboardPort {0}")]
    public void A_port_in_use_is_refused_with_an_error_id_before_the_run_starts(string serverOptions)
    {
        using var s = new PowerShellSession();
        var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            var port = ((IPEndPoint)busy.LocalEndpoint).Port;
            var result = s.Run($"Start-SoakRun -Mock -Iterations 3 {string.Format(serverOptions, port)} -ArtifactPath '{s.ArtifactRoot}'");
            var error = result.ErrorWithId("MetricsPortInUse");
            Assert.Equal(System.Management.Automation.ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
            Assert.Contains(port.ToString(), error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.False(Directory.Exists(Path.Combine(s.ArtifactRoot, "latest")), "the run started although its port was taken");
        }
        finally
        {
            busy.Stop();
        }
    }

    [Theory]
    [InlineData("-Dashboard", "127.0.0.1")]
    [InlineData("-MetricsPort 0 -MetricsAddress 0.0.0.0", "0.0.0.0")]
    public void The_server_listens_on_loopback_unless_MetricsAddress_says_otherwise_and_stops_with_a_stopped_run(string serverOptions, string address)
    {
        using var s = new PowerShellSession();
        using var run = new BackgroundRun(s, $"Start-SoakRun -Mock -Iterations 100000 -IntervalSeconds 0.05 {serverOptions} -ArtifactPath '{s.ArtifactRoot}'");
        var port = Net.PortOf(run.BaseUrl());
        run.WaitForIterations(1, Minute);
        Assert.NotEmpty(Net.ListenersOn(port));
        Assert.All(Net.ListenersOn(port), e => Assert.Equal(IPAddress.Parse(address), e.Address));
        run.Stop();
        Assert.False(Net.Listening(port), "the server outlived the stopped run");
    }

    [Theory]
    [InlineData("-MetricsAddress 0.0.0.0", "MetricsAddressWithoutServer")]
    [InlineData("-MetricsPort 0 -MetricsAddress not-an-ip", "MetricsAddressInvalid")]
    [InlineData("-MetricsPort 0 -MetricsAddress 0", "MetricsAddressInvalid")]
    [InlineData("-Dashboard -MetricsAddress 127.1", "MetricsAddressInvalid")]
    [InlineData("-DashboardPort 0", "DashboardPortWithoutDashboard")]
    [InlineData("-MetricsInstance bot-a", "MetricsInstanceWithoutMetrics")]
    [InlineData("-Dashboard -MetricsPort 9101 -DashboardPort 9102", "DashboardPortConflict")]
    public void Inconsistent_server_options_are_refused_before_the_run(string options, string errorId)
    {
        using var s = new PowerShellSession();
        var result = s.Run($"Start-SoakRun -Mock -Iterations 2 {options} -ArtifactPath '{s.ArtifactRoot}'");
        result.ErrorWithId(errorId);
        Assert.False(Directory.Exists(Path.Combine(s.ArtifactRoot, "latest")));
    }

    [Fact]
    public void A_bind_beyond_loopback_warns_of_its_exposure_and_loopback_does_not()
    {
        using var s = new PowerShellSession();
        var wide = s.Run($"Start-SoakRun -Mock -Iterations 1 -MetricsPort 0 -MetricsAddress 0.0.0.0 -Dashboard -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Null(wide.Terminating);
        Assert.Contains(wide.Warnings, w => w.Message.Contains("every network interface") && w.Message.Contains("dashboard"));
        var local = s.Run($"Start-SoakRun -Mock -Iterations 1 -MetricsPort 0 -MetricsAddress 127.0.0.1 -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Null(local.Terminating);
        Assert.DoesNotContain(local.Warnings, w => w.Message.Contains("listens on"));
    }

    [Fact]
    public void WhatIf_starts_no_server_and_writes_no_textfile()
    {
        using var s = new PowerShellSession();
        var file = Path.Combine(s.ArtifactRoot, "soak.prom");
        var port = Net.FreePort();
        var result = s.Run($"Start-SoakRun -Mock -Iterations 2 -MetricsPort {port} -MetricsFile '{file}' -WhatIf -ArtifactPath '{s.ArtifactRoot}'");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Information);
        Assert.False(File.Exists(file));
    }
}
