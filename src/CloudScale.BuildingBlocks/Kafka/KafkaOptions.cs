namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>
/// Where and how a service talks to Kafka: configuration section <c>Kafka</c>. Production points
/// <see cref="BootstrapServers"/> at the real cluster and leaves the dev overrides unset.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>Comma-separated <c>host:port</c> list, e.g. <c>127.0.0.1:59092</c> (the dev broker).</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Names this service in broker logs and quotas; defaults to the entry assembly's name.</summary>
    public string? ClientId { get; set; }

    /// <summary>Producer batching delay. A few milliseconds batch well without adding visible latency.</summary>
    public int LingerMs { get; set; } = 5;

    /// <summary>
    /// How long a producer keeps trying to deliver a message before failing it (<c>message.timeout.ms</c>), so a caller
    /// waiting for the acknowledgement learns of an unreachable broker in seconds rather than librdkafka's 300.
    /// </summary>
    public int DeliveryTimeoutMs { get; set; } = 30_000;

    /// <summary>
    /// Dev override for <c>fetch.wait.max.ms</c>: the dev broker (librdkafka's mock cluster) holds an empty
    /// fetch for the whole wait, so 1–5 ms keeps consumer latency low there. Unset: librdkafka's default.
    /// </summary>
    public int? FetchWaitMaxMs { get; set; }

    /// <summary>
    /// Dev override for <c>session.timeout.ms</c>: the mock cluster waits session timeout − 1 s before it
    /// rebalances a group a member joined or left, so a short timeout (6000) keeps restarts quick there.
    /// </summary>
    public int? SessionTimeoutMs { get; set; }

    /// <summary>Every problem with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            errors.Add($"{SectionName}:BootstrapServers is required (host:port[,host:port…]), e.g. 127.0.0.1:59092 for the dev broker");
        }

        if (LingerMs is < 0 or > 1000)
        {
            errors.Add($"{SectionName}:LingerMs must be 0..1000, got {LingerMs}");
        }

        // 0 would be librdkafka's "never time out"; it also refuses a timeout not above linger.ms.
        if (DeliveryTimeoutMs <= 0)
        {
            errors.Add($"{SectionName}:DeliveryTimeoutMs must be greater than 0, got {DeliveryTimeoutMs}");
        }
        else if (DeliveryTimeoutMs <= LingerMs)
        {
            errors.Add($"{SectionName}:DeliveryTimeoutMs must be greater than {SectionName}:LingerMs ({LingerMs}), got {DeliveryTimeoutMs}");
        }

        if (FetchWaitMaxMs is < 0 or > 10_000)
        {
            errors.Add($"{SectionName}:FetchWaitMaxMs must be 0..10000 when set, got {FetchWaitMaxMs}");
        }

        if (SessionTimeoutMs is < 1000 or > 300_000)
        {
            errors.Add($"{SectionName}:SessionTimeoutMs must be 1000..300000 when set, got {SessionTimeoutMs}");
        }

        return errors;
    }
}
