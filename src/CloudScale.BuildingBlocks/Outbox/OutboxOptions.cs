namespace CloudScale.BuildingBlocks.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How long an idle dispatcher waits before looking again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Messages taken per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>First retry delay; doubles per failed attempt up to <see cref="MaxRetryDelay"/>. There is no last
    /// attempt: a message is never dropped, it stays visible as failed until it goes out.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 30))));
}
