using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>A record: named, with fields encoded one after the other in declaration order.</summary>
public sealed class RecordSchema : NamedSchema
{
    private IReadOnlyList<Field> _fields = [];
    private Dictionary<string, Field> _fieldsByName = new(StringComparer.Ordinal);

    internal RecordSchema(
        string name,
        string? @namespace,
        IReadOnlyList<string> aliases,
        string? doc,
        IReadOnlyDictionary<string, JsonElement> properties)
        : base(AvroType.Record, name, @namespace, aliases, doc, logicalType: null, properties)
    {
    }

    public IReadOnlyList<Field> Fields => _fields;

    public Field this[string fieldName] =>
        TryGetField(fieldName, out var field)
            ? field
            : throw new KeyNotFoundException($"record {FullName} has no field '{fieldName}'; its fields are {string.Join(", ", _fields.Select(f => f.Name))}");

    public bool TryGetField(string fieldName, [MaybeNullWhen(false)] out Field field) => _fieldsByName.TryGetValue(fieldName, out field);

    /// <summary>Set once by the parser, after the record's own name is registered, so fields may refer to it.</summary>
    internal void SetFields(IReadOnlyList<Field> fields)
    {
        _fields = fields;
        _fieldsByName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    internal override string Describe() => $"record {FullName}";
}
