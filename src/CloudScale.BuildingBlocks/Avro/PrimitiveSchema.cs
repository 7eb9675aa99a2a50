using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary><c>null</c>, <c>boolean</c>, <c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>, <c>bytes</c> or <c>string</c>.</summary>
public sealed class PrimitiveSchema : Schema
{
    internal PrimitiveSchema(AvroType type, LogicalType? logicalType, IReadOnlyDictionary<string, JsonElement> properties)
        : base(type, logicalType, properties)
    {
    }

    /// <summary>The type name as written in schemas, e.g. <c>int</c>.</summary>
    public string Name => NameOf(Type);

    internal static string NameOf(AvroType type) => type.ToString().ToLowerInvariant();

    internal override string Describe() => DescribeWithLogicalType(Name);
}
