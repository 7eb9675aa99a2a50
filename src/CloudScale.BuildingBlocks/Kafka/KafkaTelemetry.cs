using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>The traces and metrics of Kafka consumption; subscribe to <see cref="SourceName"/> in OpenTelemetry.</summary>
public static class KafkaTelemetry
{
    public const string SourceName = "CloudScale.Kafka";
    public const string DeadLetteredCounterName = "cloudscale.kafka.dead_lettered";

    internal static readonly ActivitySource ActivitySource = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    /// <summary>Poison messages moved to a dead-letter topic; tagged with the source topic and consumer group.</summary>
    internal static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>(
        DeadLetteredCounterName, unit: "{message}", description: "Messages moved to a dead-letter topic because they can never be processed");
}
