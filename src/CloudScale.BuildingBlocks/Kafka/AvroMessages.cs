using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.SchemaRegistry;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Kafka;

/// <summary>Decoding a consumed message's Avro value, sorting failures into "never decodable" and "try again".</summary>
public static class AvroMessages
{
    /// <summary>
    /// The message's value as a record. A message that can never decode (not Confluent-framed, a schema id the
    /// registry does not know, a body that does not match its schema) becomes a <see cref="PoisonMessageException"/>,
    /// so the consumer dead-letters it; a registry that is merely unreachable stays an ordinary, retried failure.
    /// </summary>
    public static async Task<GenericRecord> ValueAsync(
        IAsyncDeserializer<GenericRecord> deserializer, ConsumeResult<byte[], byte[]> result)
    {
        var context = new SerializationContext(MessageComponentType.Value, result.Topic, result.Message.Headers);
        try
        {
            return await deserializer.DeserializeAsync(result.Message.Value ?? [], result.Message.Value is null, context)
                   ?? throw new PoisonMessageException("the value is null; an Avro record was expected");
        }
        catch (InvalidDataException ex)
        {
            throw new PoisonMessageException($"not Confluent-framed Avro: {ex.Message}", ex);
        }
        catch (SchemaRegistryException ex) when (ex.Status == 404)
        {
            throw new PoisonMessageException($"the writer's schema is unknown to the registry: {ex.Message}", ex);
        }
        catch (AvroException ex)
        {
            throw new PoisonMessageException($"the body does not decode with its schema: {ex.Message}", ex);
        }
    }
}
