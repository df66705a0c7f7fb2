using System.Management.Automation;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests.Observability;

/// <summary>A Start-SoakRun running in a session's runspace while the test looks at its server from outside.</summary>
public sealed class BackgroundRun : IDisposable
{
    private readonly PowerShell _ps = PowerShell.Create();
    private readonly PSDataCollection<PSObject> _output = new();
    private readonly IAsyncResult _async;
    private readonly object _gate = new();
    private int _iterations;

    public BackgroundRun(PowerShellSession session, string script)
    {
        _ps.Runspace = session.Runspace;
        _ps.AddScript(script);
        _output.DataAdded += (_, _) => { lock (_gate) { _iterations++; Monitor.PulseAll(_gate); } };
        _async = _ps.BeginInvoke<PSObject, PSObject>(null, _output);
    }

    public int Iterations { get { lock (_gate) return _iterations; } }

    /// <summary>The server's base URL from the information stream ("Dashboard: http://127.0.0.1:port/").</summary>
    public string BaseUrl()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            // Indexed, not enumerated: a PSDataCollection's enumerator blocks while the pipeline can still add to it.
            var information = _ps.Streams.Information;
            for (var i = 0; i < information.Count; i++)
            {
                var record = information[i];
                var match = Regex.Match(record.MessageData?.ToString() ?? "", @"(http://[^ /]+/)");
                if (match.Success) return match.Groups[1].Value;
            }
            Assert.False(_async.IsCompleted && _ps.Streams.Information.Count == 0, "the run ended without announcing a server: " + Errors());
            Thread.Sleep(20);
        }
        throw new TimeoutException("no server URL announced within a minute");
    }

    public void WaitForIterations(int count, TimeSpan timeout)
    {
        lock (_gate)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (_iterations < count)
            {
                var left = deadline - DateTime.UtcNow;
                Assert.True(left > TimeSpan.Zero, $"only {_iterations} of {count} iterations in {timeout}: {Errors()}");
                Monitor.Wait(_gate, left);
            }
        }
    }

    /// <summary>Waits for the run to end by itself; returns the terminating error, if any.</summary>
    public Exception? Wait(TimeSpan timeout)
    {
        Assert.True(_async.AsyncWaitHandle.WaitOne(timeout), "the run did not end in time");
        try
        {
            _ps.EndInvoke(_async);
            return null;
        }
        catch (RuntimeException e)
        {
            return e;
        }
    }

    public void Stop()
    {
        _ps.Stop();
        try { _ps.EndInvoke(_async); } catch (PipelineStoppedException) { }
    }

    public string Errors()
    {
        var errors = _ps.Streams.Error;
        return string.Join("; ", Enumerable.Range(0, errors.Count).Select(i => errors[i].ToString()));
    }

    public void Dispose()
    {
        if (!_async.IsCompleted) Stop();
        _ps.Dispose();
    }
}
