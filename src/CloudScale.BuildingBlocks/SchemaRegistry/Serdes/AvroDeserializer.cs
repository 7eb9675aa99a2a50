using System.Collections.Concurrent;
using CloudScale.BuildingBlocks.Avro;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.SchemaRegistry.Serdes;

/// <summary>
/// Reads Confluent-framed Avro: the writer's schema comes from the registry by the id in the frame, and the data is
/// resolved into <paramref name="readerSchema"/> when one is given (schema evolution), else read as written.
/// Shaped like <c>Confluent.SchemaRegistry.Serdes.AvroDeserializer&lt;T&gt;</c>; <typeparamref name="T"/> is <see cref="GenericRecord"/>.
/// </summary>
public sealed class AvroDeserializer<T>(ISchemaRegistryClient registry, Schema? readerSchema = null) : IAsyncDeserializer<T>
{
    private readonly ConcurrentDictionary<int, Task<Schema>> writerSchemas = new();

    /// <exception cref="InvalidDataException">The frame is not Confluent's (wrong magic byte, too short).</exception>
    /// <exception cref="AvroDecodeException">The body does not decode with the writer's schema.</exception>
    /// <exception cref="SchemaRegistryException">The registry does not know the schema id (or failed).</exception>
    public async Task<T> DeserializeAsync(ReadOnlyMemory<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return default!;
        }

        var (schemaId, body) = ConfluentWireFormat.Unframe(data);
        var writer = await writerSchemas.GetOrAdd(schemaId, async id => Schema.Parse(await registry.GetSchemaAsync(id)));
        return (T)Avro.AvroSerializer.Read(writer, readerSchema ?? writer, body.Span)!;
    }
}
