using System.Runtime.InteropServices;

namespace SoakPS.Engine.Runs;

/// <summary>
/// For a run's life, SIGTERM and SIGHUP (on Windows: console close and shutdown) stop it the way Ctrl+C does: the
/// run's token is cancelled and the signal is held until the run has marked run.json stopped and released its lock
/// (at most <see cref="CloseBudget"/>); then the process ends as the signal asks. It lives in the engine's run loop,
/// not the cmdlet, so every host of a run — pwsh, SoakPS.Shell, a scheduler's process — behaves the same.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    /// <summary>Windows ends a process about 5 s after a console close; a run closes in well under that.</summary>
    public static readonly TimeSpan CloseBudget = TimeSpan.FromSeconds(4);

    private readonly CancellationTokenSource _stop;
    private readonly ManualResetEventSlim _closed = new();
    private readonly List<PosixSignalRegistration> _registrations = new();

    public TerminationSignals(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // A platform without these signals cannot send them either.
            }
        }
    }

    /// <summary>Cancelled by the caller's token or by a termination signal.</summary>
    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_closed.IsSet) return;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        _closed.Wait(CloseBudget);
    }

    /// <summary>Called once the run is closed: a held signal may now end the process.</summary>
    public void Dispose()
    {
        _closed.Set();
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
