namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>What one <see cref="KafkaConsumerWorker"/> consumes and how it retries a failing handler.</summary>
public sealed record KafkaConsumerSettings(string Topic, string GroupId)
{
    public string Topic { get; } = !string.IsNullOrWhiteSpace(Topic) ? Topic : throw new ArgumentException("a topic is required", nameof(Topic));

    public string GroupId { get; } =
        !string.IsNullOrWhiteSpace(GroupId) ? GroupId : throw new ArgumentException("a consumer group id is required", nameof(GroupId));

    /// <summary>Handler attempts per delivery before the message is fetched again (it is never skipped).</summary>
    public int MaxAttempts
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, "MaxAttempts must be at least 1");
    } = 5;

    /// <summary>Wait after the first failure; doubles after each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where poison messages go: <c>&lt;topic&gt;.dlq</c>.</summary>
    public string DeadLetterTopic => KafkaDeadLetter.TopicFor(Topic);

    public TimeSpan BackoffAfter(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks));
    }
}
