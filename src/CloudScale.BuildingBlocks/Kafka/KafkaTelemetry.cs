using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>The traces and metrics of Kafka consumption; subscribe to <see cref="SourceName"/> in OpenTelemetry.</summary>
public static class KafkaTelemetry
{
    public const string SourceName = "CloudScale.Kafka";
    public const string DeadLetteredCounterName = "cloudscale.kafka.dead_lettered";
    public const string RetriesCounterName = "cloudscale.kafka.retries";

    internal static readonly ActivitySource ActivitySource = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    /// <summary>Poison messages moved to a dead-letter topic; tagged with the source topic and consumer group.</summary>
    internal static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(
        DeadLetteredCounterName, unit: "{message}", description: "Messages moved to a dead-letter topic because they can never be processed");

    /// <summary>
    /// Failed handler attempts, each to be retried; tagged with topic, consumer group and partition. Messages are
    /// never skipped, so a partition whose count keeps rising is blocked behind one message: alert on that.
    /// </summary>
    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        RetriesCounterName, unit: "{attempt}", description: "Failed handler attempts that will be retried; a steady rise means a blocked partition");
}
