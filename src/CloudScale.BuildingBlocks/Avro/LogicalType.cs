namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// A logical type this codec understands. Unknown logical types, and known ones with invalid parameters or on
/// the wrong underlying type, are ignored as the specification requires: the schema then has no
/// <see cref="Schema.LogicalType"/> and values use the underlying type (the attribute still shows in
/// <see cref="Schema.ToString"/>).
/// </summary>
public sealed class LogicalType
{
    internal LogicalType(LogicalTypeKind kind, string name, int precision = 0, int scale = 0)
    {
        Kind = kind;
        Name = name;
        Precision = precision;
        Scale = scale;
    }

    public LogicalTypeKind Kind { get; }

    /// <summary>The <c>logicalType</c> attribute, e.g. <c>timestamp-micros</c>.</summary>
    public string Name { get; }

    /// <summary>Maximum number of digits, for <see cref="LogicalTypeKind.Decimal"/>.</summary>
    public int Precision { get; }

    /// <summary>Digits after the decimal point, for <see cref="LogicalTypeKind.Decimal"/>.</summary>
    public int Scale { get; }

    public override string ToString() => Kind == LogicalTypeKind.Decimal ? $"decimal({Precision},{Scale})" : Name;
}
