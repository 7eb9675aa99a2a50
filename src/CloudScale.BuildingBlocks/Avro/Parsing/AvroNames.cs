namespace CloudScale.BuildingBlocks.Avro.Parsing;

/// <summary>The specification's rules for names, namespaces and primitive type names.</summary>
internal static class AvroNames
{
    private static readonly Dictionary<string, AvroType> Primitives = new(StringComparer.Ordinal)
    {
        ["null"] = AvroType.Null,
        ["boolean"] = AvroType.Boolean,
        ["int"] = AvroType.Int,
        ["long"] = AvroType.Long,
        ["float"] = AvroType.Float,
        ["double"] = AvroType.Double,
        ["bytes"] = AvroType.Bytes,
        ["string"] = AvroType.String,
    };

    public static bool TryGetPrimitive(string name, out AvroType type) => Primitives.TryGetValue(name, out type);

    /// <summary><c>[A-Za-z_][A-Za-z0-9_]*</c>: record, enum and fixed names, field names and enum symbols.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>A dot-separated sequence of valid names.</summary>
    public static bool IsValidNamespace(string @namespace) => @namespace.Split('.').All(IsValidName);

    /// <summary>A reference or alias without a dot is relative to the enclosing namespace.</summary>
    public static string Qualify(string name, string? enclosingNamespace) =>
        name.Contains('.', StringComparison.Ordinal) || enclosingNamespace is null ? name : $"{enclosingNamespace}.{name}";
}
