using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.SchemaRegistry;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>Decoding a consumed message's Avro value, sorting failures into "never decodable" and "try again".</summary>
public static class AvroMessages
{
    /// <summary>
    /// The message's value as a record, or <c>null</c> for a tombstone (a null value, which Debezium and compacted
    /// topics send after a delete: something to handle, not an error).
    /// <para>
    /// A message that can never decode (not Confluent-framed, a schema id the registry answers it does not know with
    /// error code 40403, a body that does not decode with its writer's schema) becomes a <see cref="PoisonMessageException"/>,
    /// so the consumer dead-letters it. Everything else stays an ordinary, retried failure: a registry that is
    /// unreachable or answers anything else (a 404 from an ingress or a wrong base path, a 5xx), and a reader schema
    /// that cannot read the writer's, which is a deployment to fix; dead-lettering would empty the topic into its DLQ.
    /// </para>
    /// </summary>
    public static async Task<GenericRecord?> ValueAsync(
        IAsyncDeserializer<GenericRecord> deserializer, ConsumeResult<byte[], byte[]> result)
    {
        if (result.Message.Value is not { } value)
        {
            return null;
        }

        var context = new SerializationContext(MessageComponentType.Value, result.Topic, result.Message.Headers);
        try
        {
            return await deserializer.DeserializeAsync(value, isNull: false, context);
        }
        catch (InvalidDataException ex)
        {
            throw new PoisonMessageException($"not Confluent-framed Avro: {ex.Message}", ex);
        }
        catch (SchemaRegistryException ex) when (ex.ErrorCode == SchemaRegistryException.SchemaNotFoundErrorCode)
        {
            throw new PoisonMessageException($"the writer's schema is unknown to the registry: {ex.Message}", ex);
        }
        catch (AvroResolutionException ex)
        {
            throw new InvalidOperationException(
                $"this consumer's reader schema cannot read what schema id {ConfluentWireFormat.Unframe(value).SchemaId} wrote: {ex.Message}. " +
                "Deploy a reader compatible with the writer; the message is retried, not dead-lettered", ex);
        }
        catch (AvroException ex)
        {
            throw new PoisonMessageException($"the body does not decode with its schema: {ex.Message}", ex);
        }
    }
}
