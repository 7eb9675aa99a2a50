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

    /// <summary>What is wrong with these settings, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BatchSize < 1)
        {
            problems.Add($"BatchSize must be 1 or more, got {BatchSize}");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"PollInterval must be positive, got {PollInterval}");
        }

        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            problems.Add($"FirstRetryDelay must be positive and at most MaxRetryDelay, got {FirstRetryDelay} and {MaxRetryDelay}");
        }

        return problems;
    }

    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 30))));
}
