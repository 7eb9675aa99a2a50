using System.Text;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.SchemaRegistry;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>
/// Publishes outbox messages to Kafka: key = the aggregate id, value = the Avro body in Confluent's framing with
/// the schema registered under <c>&lt;topic&gt;-value</c>, headers = event id (consumers dedupe on it), trace
/// context and correlation id.
/// </summary>
public sealed class KafkaOutboxTransport(IProducer<byte[], byte[]> producer, ISchemaRegistryClient registry) : IOutboxTransport
{
    /// <summary>Header carrying the event id, the key of every consumer's inbox.</summary>
    public const string MessageIdHeader = "cloudscale-message-id";

    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var schemaId = await registry.RegisterSchemaAsync(SubjectNames.ForValue(message.Topic), message.ValueSchema, cancellationToken);
        var kafkaMessage = KafkaMessage.Create(
            Encoding.UTF8.GetBytes(message.Key), ConfluentWireFormat.Frame(schemaId, message.Payload), message.CorrelationId, message.TraceParent);
        kafkaMessage.Headers.Add(MessageIdHeader, Encoding.ASCII.GetBytes(message.Id.ToString()));
        await producer.ProduceAsync(message.Topic, kafkaMessage, cancellationToken);
    }

    /// <summary>The event id a message was published with; null for messages that did not come from an outbox.</summary>
    public static Guid? MessageIdOf(Message<byte[], byte[]> message) =>
        Guid.TryParse(message.Headers.GetHeader(MessageIdHeader), out var id) ? id : null;
}
