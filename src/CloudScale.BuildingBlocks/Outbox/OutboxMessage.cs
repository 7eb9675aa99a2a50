using System.Diagnostics;
using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>
/// An integration event waiting to leave the service. It is added to the same DbContext as the business change,
/// so both commit or neither does; <see cref="OutboxDispatcher{TContext}"/> publishes it afterwards.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    /// <summary>The event id; consumers dedupe on it, so a republished event is harmless.</summary>
    public Guid Id { get; private init; }

    private static long _created;

    /// <summary>Insert order across keys: the dispatcher serves older rows first. Not an ordering guarantee.</summary>
    public long Sequence { get; private init; }

    /// <summary>
    /// 1, 2, 3… per key in commit order, assigned at SaveChanges by <see cref="OutboxOrderingInterceptor"/>; events
    /// of one key are published in this order.
    /// </summary>
    public long KeyOrdinal { get; internal set; }

    /// <summary>Creation order in this process, so events of one key saved together get ordinals in the order made.</summary>
    internal long CreatedOrder { get; } = Interlocked.Increment(ref _created);

    /// <summary>Kafka topic, <c>&lt;module&gt;.&lt;event&gt;.v&lt;n&gt;</c>.</summary>
    public string Topic { get; private init; } = "";

    /// <summary>The aggregate id: the message key, and the unit of ordering.</summary>
    public string Key { get; private init; } = "";

    /// <summary>The event's Avro body. Its schema id is looked up (and cached) only at publish time, so a business
    /// transaction never waits on the schema registry.</summary>
    public byte[] Payload { get; private init; } = [];

    /// <summary>The writer's schema of <see cref="Payload"/>, registered under <c>&lt;topic&gt;-value</c> when published.</summary>
    public string ValueSchema { get; private init; } = "";

    public string? TraceParent { get; private init; }

    public string? CorrelationId { get; private init; }

    public DateTime OccurredAt { get; private init; }

    public DateTime? PublishedAt { get; internal set; }

    public int Attempts { get; internal set; }

    public DateTime NextAttemptAt { get; internal set; }

    public string? LastError { get; internal set; }

    /// <summary>
    /// A new message for <paramref name="value"/>, serialised now (so a value that does not fit its schema fails the
    /// business transaction, not the dispatcher), carrying the current trace and correlation ids along.
    /// </summary>
    public static OutboxMessage Create(string topic, string key, GenericRecord value, DateTime occurredAtUtc, string? correlationId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (occurredAtUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"occurredAtUtc must be a UTC time (DateTimeKind.Utc), got {occurredAtUtc.Kind}", nameof(occurredAtUtc));
        }

        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(occurredAtUtc),
            Topic = topic,
            Key = key,
            Payload = AvroSerializer.Serialize(value.Schema, value),
            ValueSchema = value.Schema.ToString(),
            TraceParent = Activity.Current?.Id is { } id && Activity.Current.IdFormat == ActivityIdFormat.W3C ? id : null,
            CorrelationId = correlationId ?? Http.CorrelationId.Current,
            OccurredAt = occurredAtUtc,
            // Due at once: when it goes out must not depend on the writer's clock (only retries are scheduled).
            NextAttemptAt = DateTime.UnixEpoch,
        };
    }
}
