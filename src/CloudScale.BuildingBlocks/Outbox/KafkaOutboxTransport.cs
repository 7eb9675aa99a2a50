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
    /// <summary>
    /// The producer settings the outbox wants: no linger (the dispatcher awaits each message of a key before the
    /// next, so lingering only adds latency) and a delivery timeout of seconds, so a dead broker fails the round soon.
    /// </summary>
    public static ProducerConfig ProducerConfig(KafkaClientFactory clients)
    {
        var config = clients.ProducerConfig();
        config.LingerMs = 0;
        config.MessageTimeoutMs = 10_000;
        return config;
    }

    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var schemaId = await registry.RegisterSchemaAsync(SubjectNames.ForValue(message.Topic), message.ValueSchema, cancellationToken);
        var kafkaMessage = KafkaMessage.Create(
            Encoding.UTF8.GetBytes(message.Key), ConfluentWireFormat.Frame(schemaId, message.Payload), message.CorrelationId, message.TraceParent);
        kafkaMessage.Headers.Add(KafkaMessage.MessageIdHeader, Encoding.ASCII.GetBytes(message.Id.ToString()));
        await producer.ProduceAsync(message.Topic, kafkaMessage, cancellationToken);
    }
}
