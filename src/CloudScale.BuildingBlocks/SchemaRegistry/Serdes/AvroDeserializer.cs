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
    // One reader per writer schema id: resolving writer against reader is worked out once, not per message.
    private readonly AsyncCache<int, AvroDatumReader> readers = new(async id =>
    {
        var writer = Schema.Parse(await registry.GetSchemaAsync(id));
        return new AvroDatumReader(writer, readerSchema ?? writer);
    });

    /// <exception cref="InvalidDataException">The frame is not Confluent's (wrong magic byte, too short).</exception>
    /// <exception cref="AvroDecodeException">The body does not decode with the writer's schema.</exception>
    /// <exception cref="AvroResolutionException">The reader schema cannot read what the writer's schema wrote.</exception>
    /// <exception cref="SchemaRegistryException">The registry does not know the schema id (or failed); a later call asks again.</exception>
    public async Task<T> DeserializeAsync(ReadOnlyMemory<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return default!;
        }

        var (schemaId, body) = ConfluentWireFormat.Unframe(data);
        var reader = await readers.GetAsync(schemaId);
        return (T)reader.Read(body.Span)!;
    }
}
