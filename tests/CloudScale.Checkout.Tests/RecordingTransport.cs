using System.Collections.Concurrent;
using CloudScale.BuildingBlocks.Outbox;

namespace CloudScale.Checkout.Tests;

/// <summary>An outbox transport for tests that do not look at Kafka: it keeps what was published.</summary>
internal sealed class RecordingTransport : IOutboxTransport
{
    public ConcurrentQueue<OutboxMessage> Published { get; } = new();

    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Published.Enqueue(message);
        return Task.CompletedTask;
    }
}
