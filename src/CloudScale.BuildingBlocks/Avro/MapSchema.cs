using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// A map with string keys; values are <see cref="IDictionary{TKey,TValue}"/> of string to object (any
/// <see cref="System.Collections.IDictionary"/> with string keys when writing).
/// </summary>
public sealed class MapSchema : Schema
{
    internal MapSchema(Schema valueSchema, IReadOnlyDictionary<string, JsonElement> properties)
        : base(AvroType.Map, logicalType: null, properties)
    {
        ValueSchema = valueSchema;
    }

    public Schema ValueSchema { get; }

    internal override string Describe() => $"map<{ValueSchema.Describe()}>";
}
