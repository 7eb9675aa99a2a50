using System.Collections;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// A record value: its schema plus one value per field, by name or position. Values are not checked when set,
/// only when written. A field never set is written as its default (an error if it has none), like avsc does.
/// Supports collection initializers: <c>new GenericRecord(schema) { { "id", 42 }, { "name", "x" } }</c>.
/// </summary>
public sealed class GenericRecord : IEquatable<GenericRecord>, IEnumerable<KeyValuePair<string, object?>>
{
    private static readonly object Unset = new();
    private readonly object?[] _values;

    public GenericRecord(RecordSchema schema)
    {
        Schema = schema;
        _values = new object?[schema.Fields.Count];
        Array.Fill(_values, Unset);
    }

    public RecordSchema Schema { get; }

    /// <summary>The field's value; null when unset.</summary>
    /// <exception cref="KeyNotFoundException">The schema has no such field.</exception>
    public object? this[string fieldName]
    {
        get => this[Schema[fieldName].Position];
        set => _values[Schema[fieldName].Position] = value;
    }

    public object? this[int position]
    {
        get => _values[position] == Unset ? null : _values[position];
        set => _values[position] = value;
    }

    /// <summary>Sets a field (the name Apache.Avro's GenericRecord uses; also enables collection initializers).</summary>
    public void Add(string fieldName, object? value) => this[fieldName] = value;

    /// <summary>False when the schema has no such field or the field was never set.</summary>
    public bool TryGetValue(string fieldName, out object? value)
    {
        if (Schema.TryGetField(fieldName, out var field) && IsSet(field.Position))
        {
            value = _values[field.Position];
            return true;
        }

        value = null;
        return false;
    }

    internal bool IsSet(int position) => _values[position] != Unset;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        Schema.Fields.Where(f => IsSet(f.Position)).Select(f => KeyValuePair.Create(f.Name, _values[f.Position])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Same record fullname and deeply equal field values (see <see cref="AvroValueComparer"/>).</summary>
    public bool Equals(GenericRecord? other) =>
        other is not null
        && Schema.FullName == other.Schema.FullName
        && _values.Length == other._values.Length
        && _values.Zip(other._values).All(p => p.First == Unset ? p.Second == Unset : AvroValueComparer.Instance.Equals(p.First, p.Second));

    public override bool Equals(object? obj) => obj is GenericRecord other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Schema.FullName, _values.Length);

    /// <summary>JSON-like text for logs and test failures, e.g. <c>{"id": 42L, "name": "x"}</c>.</summary>
    public override string ToString() => AvroValueComparer.Format(this);
}
