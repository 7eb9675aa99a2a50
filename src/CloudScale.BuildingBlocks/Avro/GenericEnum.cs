namespace CloudScale.BuildingBlocks.Avro;

/// <summary>An enum value. Writing also accepts a plain symbol string.</summary>
public sealed class GenericEnum : IEquatable<GenericEnum>
{
    public GenericEnum(EnumSchema schema, string symbol)
    {
        Index = schema.IndexOf(symbol);
        if (Index < 0)
        {
            throw new ArgumentException($"'{symbol}' is not a symbol of enum {schema.FullName}; symbols are {string.Join(", ", schema.Symbols)}", nameof(symbol));
        }

        Schema = schema;
        Symbol = symbol;
    }

    public EnumSchema Schema { get; }

    public string Symbol { get; }

    /// <summary>The symbol's position in <see cref="Schema"/>: what is encoded.</summary>
    public int Index { get; }

    public bool Equals(GenericEnum? other) => other is not null && Schema.FullName == other.Schema.FullName && Symbol == other.Symbol;

    public override bool Equals(object? obj) => obj is GenericEnum other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Symbol);

    public override string ToString() => Symbol;
}
