using System.Collections.ObjectModel;
using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// A union, e.g. <c>["null","string"]</c>. Values are not wrapped: the value itself picks the branch (the first
/// branch whose type fits it), as Apache.Avro's generic API does.
/// </summary>
public sealed class UnionSchema : Schema
{
    internal UnionSchema(IReadOnlyList<Schema> schemas)
        : base(AvroType.Union, logicalType: null, ReadOnlyDictionary<string, JsonElement>.Empty)
    {
        Schemas = schemas;
    }

    public IReadOnlyList<Schema> Schemas { get; }

    public int Count => Schemas.Count;

    internal override string Describe() => $"union[{string.Join(", ", Schemas.Select(s => s.Describe()))}]";
}
