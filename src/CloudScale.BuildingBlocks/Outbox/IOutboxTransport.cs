namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>Where outbox messages go (Kafka in every deployment). Returns once the broker has acknowledged.</summary>
public interface IOutboxTransport
{
    Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken);
}
