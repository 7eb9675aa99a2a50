using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>A fixed: named, exactly <see cref="Size"/> bytes (optionally a decimal).</summary>
public sealed class FixedSchema : NamedSchema
{
    internal FixedSchema(
        string name,
        string? @namespace,
        IReadOnlyList<string> aliases,
        string? doc,
        int size,
        LogicalType? logicalType,
        IReadOnlyDictionary<string, JsonElement> properties)
        : base(AvroType.Fixed, name, @namespace, aliases, doc, logicalType, properties)
    {
        Size = size;
    }

    public int Size { get; }

    internal override string Describe() => DescribeWithLogicalType($"fixed {FullName}({Size})");
}
