namespace SoakPS.TestSupport;

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now;

    public TestClock(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
