using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>
/// .NET values in the oracle's JSON transport (see avsc/oracle.js), guided by the schema. Deliberately
/// independent of the codec under test: it only formats values, it never encodes them.
/// </summary>
internal static class OracleJson
{
    public static JsonNode? From(Schema schema, object? value) => schema switch
    {
        UnionSchema union => FromUnion(union, value),
        RecordSchema record => FromRecord(record, (GenericRecord)value!),
        EnumSchema => value is GenericEnum e ? e.Symbol : (string)value!,
        FixedSchema when value is decimal number => Tagged("$decimal", number.ToString(CultureInfo.InvariantCulture)),
        FixedSchema => Tagged("$bytes", Convert.ToHexStringLower(value is GenericFixed f ? f.Value : (byte[])value!)),
        ArraySchema array => new JsonArray(((IList)value!).Cast<object?>().Select(item => From(array.ItemSchema, item)).ToArray()),
        MapSchema map => Tagged("$map", new JsonObject(Entries((IDictionary)value!).Select(e => KeyValuePair.Create(e.Key, From(map.ValueSchema, e.Value))))),
        _ => FromPrimitive(value),
    };

    /// <summary>Structural equality; numbers compare by value, so 1e21 and 1E+21 are equal.</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && Same(p.Value, y[p.Key])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.TryGetValue<double>(out var dx) && y.TryGetValue<double>(out var dy) => dx.Equals(dy),
        (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
        _ => false,
    };

    private static JsonNode? FromUnion(UnionSchema union, object? value)
    {
        var branch = union.Schemas.FirstOrDefault(b => Fits(b, value))
            ?? throw new ArgumentException($"test value {AvroValueComparer.Format(value)} fits no branch of {union}");
        return branch.Type == AvroType.Null ? null : new JsonObject { [BranchName(branch)] = From(branch, value) };
    }

    /// <summary>Unset fields are left out: avsc then writes their defaults, as the codec must.</summary>
    private static JsonObject FromRecord(RecordSchema schema, GenericRecord record) =>
        new(schema.Fields
            .Where(f => record.TryGetValue(f.Name, out _))
            .Select(f => KeyValuePair.Create(f.Name, From(f.Schema, record[f.Name]))));

    private static JsonNode? FromPrimitive(object? value) => value switch
    {
        null => null,
        bool b => b,
        int i => i,
        long l => Tagged("$long", l.ToString(CultureInfo.InvariantCulture)),
        float f => FromDouble(f),
        double d => FromDouble(d),
        string s => s,
        byte[] bytes => Tagged("$bytes", Convert.ToHexStringLower(bytes)),
        decimal number => Tagged("$decimal", number.ToString(CultureInfo.InvariantCulture)),
        Guid guid => guid.ToString("D"),
        DateOnly date => Tagged("$date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeOnly time => Tagged("$time", time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture)),
        DateTime timestamp => Tagged("$timestamp", timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"no oracle transport for {value.GetType()}"),
    };

    private static IEnumerable<(string Key, object? Value)> Entries(IDictionary map)
    {
        var enumerator = map.GetEnumerator();
        while (enumerator.MoveNext())
        {
            yield return ((string)enumerator.Key, enumerator.Value);
        }
    }

    private static JsonNode FromDouble(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : Tagged("$num", double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");

    private static JsonObject Tagged(string tag, JsonNode value) => new() { [tag] = value };

    /// <summary>avsc's wrapped-union keys: the type name, the fullname for named types, the underlying type for logical ones.</summary>
    private static string BranchName(Schema branch) => branch is NamedSchema named ? named.FullName : branch.Type.ToString().ToLowerInvariant();

    private static bool Fits(Schema branch, object? value) => (branch, value) switch
    {
        ({ Type: AvroType.Null }, null) => true,
        ({ Type: AvroType.Boolean }, bool) => true,
        ({ Type: AvroType.Int }, int or DateOnly or TimeOnly) => true,
        ({ Type: AvroType.Long }, long or DateTime or TimeOnly) => true,
        ({ Type: AvroType.Float }, float) => true,
        ({ Type: AvroType.Double }, double) => true,
        ({ Type: AvroType.Bytes }, byte[] or decimal) => true,
        ({ Type: AvroType.String }, string or Guid) => true,
        (NamedSchema named, GenericRecord r) => r.Schema.FullName == named.FullName,
        (NamedSchema named, GenericEnum e) => e.Schema.FullName == named.FullName,
        (NamedSchema named, GenericFixed f) => f.Schema.FullName == named.FullName,
        (ArraySchema, IList) => true,
        (MapSchema, IDictionary) => true,
        _ => false,
    };
}
