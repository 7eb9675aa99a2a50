using System.Text.Json;
using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>A field of a <see cref="RecordSchema"/>.</summary>
public sealed class Field
{
    internal Field(
        string name,
        int position,
        Schema schema,
        string? doc,
        JsonElement? defaultValue,
        SortOrder order,
        IReadOnlyList<string> aliases,
        IReadOnlyDictionary<string, JsonElement> properties)
    {
        Name = name;
        Position = position;
        Schema = schema;
        Doc = doc;
        DefaultValue = defaultValue;
        Order = order;
        Aliases = aliases;
        Properties = properties;
    }

    public string Name { get; }

    /// <summary>Zero-based position in the record: the order fields are encoded in.</summary>
    public int Position { get; }

    public Schema Schema { get; }

    public string? Doc { get; }

    /// <summary>The default as written in the schema (JSON, in the underlying type's JSON form), or null when none.</summary>
    public JsonElement? DefaultValue { get; }

    public bool HasDefault => DefaultValue.HasValue;

    public SortOrder Order { get; }

    /// <summary>Former names of this field, used to match a writer's field when reading.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Attributes the specification does not define for fields; kept by <see cref="Schema.ToString"/>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    /// <summary>
    /// The default's binary encoding, computed (and so validated against <see cref="Schema"/>) when the whole
    /// schema has been parsed. Writing copies it; reading decodes it, which gives every record a fresh copy.
    /// </summary>
    internal byte[]? DefaultBytes { get; set; }

    /// <summary>A new instance of the default value, as reading would produce it (logical types included).</summary>
    /// <exception cref="InvalidOperationException">The field has no default.</exception>
    public object? CreateDefault()
    {
        var bytes = DefaultBytes ?? throw new InvalidOperationException($"field '{Name}' has no default");
        var reader = new AvroBinaryReader(bytes);
        return Schema.IdentityReader.Read(ref reader);
    }

    public override string ToString() => $"{Name}: {Schema.Describe()}";
}
