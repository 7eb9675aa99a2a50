namespace CloudScale.BuildingBlocks.Avro;

/// <summary>A fixed value. Writing also accepts a plain byte array of the right size.</summary>
public sealed class GenericFixed : IEquatable<GenericFixed>
{
    public GenericFixed(FixedSchema schema, byte[] value)
    {
        if (value.Length != schema.Size)
        {
            throw new ArgumentException($"fixed {schema.FullName} holds {schema.Size} bytes, got {value.Length}", nameof(value));
        }

        Schema = schema;
        Value = value;
    }

    public FixedSchema Schema { get; }

    public byte[] Value { get; }

    public bool Equals(GenericFixed? other) => other is not null && Schema.FullName == other.Schema.FullName && Value.AsSpan().SequenceEqual(other.Value);

    public override bool Equals(object? obj) => obj is GenericFixed other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Value.Length);

    public override string ToString() => Convert.ToHexStringLower(Value);
}
