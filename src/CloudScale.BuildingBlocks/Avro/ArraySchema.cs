using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>An array; values are <see cref="IList{T}"/> of object (any <see cref="System.Collections.ICollection"/> when writing).</summary>
public sealed class ArraySchema : Schema
{
    internal ArraySchema(Schema itemSchema, IReadOnlyDictionary<string, JsonElement> properties)
        : base(AvroType.Array, logicalType: null, properties)
    {
        ItemSchema = itemSchema;
    }

    public Schema ItemSchema { get; }

    internal override string Describe() => $"array<{ItemSchema.Describe()}>";
}
