using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>A record, enum or fixed: a type with a fullname that other parts of a schema can refer to.</summary>
public abstract class NamedSchema : Schema
{
    private protected NamedSchema(
        AvroType type,
        string name,
        string? @namespace,
        IReadOnlyList<string> aliases,
        string? doc,
        LogicalType? logicalType,
        IReadOnlyDictionary<string, JsonElement> properties)
        : base(type, logicalType, properties)
    {
        Name = name;
        Namespace = @namespace;
        FullName = @namespace is null ? name : $"{@namespace}.{name}";
        Aliases = aliases;
        Doc = doc;
    }

    /// <summary>The name without its namespace.</summary>
    public string Name { get; }

    /// <summary>The namespace, or null for the null namespace.</summary>
    public string? Namespace { get; }

    public string FullName { get; }

    /// <summary>Former or alternative fullnames, used to match a writer's differently named type when reading.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public string? Doc { get; }

    /// <summary>
    /// Whether data written with <paramref name="writer"/>'s name may be read as this type: the specification
    /// compares unqualified names; this type's aliases may also name the writer's fullname.
    /// </summary>
    internal bool MatchesName(NamedSchema writer) =>
        Name == writer.Name || Aliases.Contains(writer.FullName, StringComparer.Ordinal);
}
