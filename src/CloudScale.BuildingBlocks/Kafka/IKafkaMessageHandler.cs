using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>
/// Processes one message for a <see cref="KafkaConsumerWorker"/>, which resolves the handler from a new DI scope for
/// every attempt: scoped dependencies such as a DbContext are fresh on a retry.
/// </summary>
public interface IKafkaMessageHandler
{
    /// <summary>
    /// Returning commits the message's offset. Throwing <see cref="PoisonMessageException"/> dead-letters
    /// it; any other exception retries it. Delivery is at-least-once, so handling must be idempotent (inbox).
    /// </summary>
    Task HandleAsync(ConsumeResult<byte[], byte[]> message, CancellationToken cancellationToken);
}
