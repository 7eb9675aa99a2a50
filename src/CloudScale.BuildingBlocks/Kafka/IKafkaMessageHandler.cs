using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>Processes one message for a <see cref="KafkaConsumerWorker"/>.</summary>
public interface IKafkaMessageHandler
{
    /// <summary>
    /// Returning commits the message's offset. Throwing <see cref="PoisonMessageException"/> dead-letters
    /// it; any other exception retries it. Delivery is at-least-once, so handling must be idempotent (inbox).
    /// </summary>
    Task HandleAsync(ConsumeResult<byte[], byte[]> message, CancellationToken cancellationToken);
}
