namespace CloudScale.Testing;

/// <summary>A clock the test moves by hand, for expiry, retry and backoff rules.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
