namespace SoakPS.Engine.Runs;

/// <summary>
/// The limits of a run, checked in one place both when it starts and when it is resumed, so a run that was accepted
/// can always be resumed. Its market timeline (start + iterations × window) must stay a representable time.
/// </summary>
internal static class RunBounds
{
    public const int MaxIterations = 10_000_000;
    public const double MaxIterationMinutes = 1440;

    /// <exception cref="SoakException">InvalidIterationCount, InvalidIterationMinutes or MarketTimeOutOfRange.</exception>
    public static void Check(int iterations, double iterationMinutes, DateTimeOffset start)
    {
        if (iterations is < 1 or > MaxIterations)
        {
            throw new SoakException("InvalidIterationCount", SoakErrorKind.InvalidArgument,
                $"The number of iterations must be between 1 and {MaxIterations:N0}, not {iterations}.", iterations);
        }
        if (!double.IsFinite(iterationMinutes) || iterationMinutes <= 0 || iterationMinutes > MaxIterationMinutes)
        {
            throw new SoakException("InvalidIterationMinutes", SoakErrorKind.InvalidArgument,
                $"The simulated window must be more than 0 and at most {MaxIterationMinutes} minutes, not {iterationMinutes}.", iterationMinutes);
        }
        var span = TimeSpan.FromMinutes(iterationMinutes) * iterations;
        if (span > DateTimeOffset.MaxValue - start)
        {
            throw new SoakException("MarketTimeOutOfRange", SoakErrorKind.InvalidArgument,
                $"{iterations} iterations of {iterationMinutes} minutes from {start:yyyy-MM-dd} would run the market clock past the year 9999; use fewer iterations or shorter windows.", iterations);
        }
    }
}
