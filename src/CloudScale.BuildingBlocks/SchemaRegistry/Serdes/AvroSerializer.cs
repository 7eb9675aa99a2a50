using CloudScale.BuildingBlocks.Avro;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.SchemaRegistry.Serdes;

/// <summary>Settings shaped like Confluent's <c>AvroSerializerConfig</c>.</summary>
public sealed class AvroSerializerConfig
{
    /// <summary>Register the record's schema under the subject on first use (else it must already be registered).</summary>
    public bool AutoRegisterSchemas { get; init; } = true;
}

/// <summary>
/// Serialises Avro records in Confluent's wire format with the schema registered under the topic's subject
/// (<c>&lt;topic&gt;-key</c> / <c>&lt;topic&gt;-value</c>). Shaped like <c>Confluent.SchemaRegistry.Serdes.AvroSerializer&lt;T&gt;</c>
/// so that package can replace it; like it for generic data, <typeparamref name="T"/> is <see cref="GenericRecord"/>.
/// </summary>
public sealed class AvroSerializer<T> : IAsyncSerializer<T>
{
    private readonly ISchemaRegistryClient registry;
    private readonly AvroSerializerConfig config;

    public AvroSerializer(ISchemaRegistryClient registry, AvroSerializerConfig? config = null)
    {
        if (typeof(T) != typeof(GenericRecord))
        {
            throw new ArgumentException($"AvroSerializer<T> serialises GenericRecord values; {typeof(T).Name} is not supported.", nameof(T));
        }

        this.registry = registry;
        this.config = config ?? new AvroSerializerConfig();
    }

    public async Task<byte[]> SerializeAsync(T data, SerializationContext context)
    {
        var record = data as GenericRecord ?? throw new ArgumentNullException(nameof(data), "Avro messages need a record; send a tombstone as a null value instead.");
        var subject = context.Component == MessageComponentType.Key ? SubjectNames.ForKey(context.Topic) : SubjectNames.ForValue(context.Topic);
        var schema = record.Schema.ToString();
        var id = config.AutoRegisterSchemas
            ? await registry.RegisterSchemaAsync(subject, schema)
            : (await registry.LookupSchemaAsync(subject, schema)).Id;
        return ConfluentWireFormat.Frame(id, Avro.AvroSerializer.Serialize(record.Schema, record));
    }
}
