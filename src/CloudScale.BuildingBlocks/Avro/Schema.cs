using System.Text;
using System.Text.Json;
using CloudScale.BuildingBlocks.Avro.Parsing;
using CloudScale.BuildingBlocks.Avro.Resolution;

namespace CloudScale.BuildingBlocks.Avro;

/// <summary>
/// A parsed Avro schema (specification 1.11). Immutable and safe to share between threads; parse once and
/// keep it. Shaped after Apache.Avro's <c>Schema</c> so that library can replace this one.
/// </summary>
public abstract class Schema
{
    private string? _canonicalForm;
    private string? _json;
    private ReadNode? _identityReader;

    private protected Schema(AvroType type, LogicalType? logicalType, IReadOnlyDictionary<string, JsonElement> properties)
    {
        Type = type;
        LogicalType = logicalType;
        Properties = properties;
    }

    public AvroType Type { get; }

    /// <summary>The logical type values of this schema map to, or null (absent, unknown or invalid).</summary>
    public LogicalType? LogicalType { get; }

    /// <summary>
    /// Attributes the specification does not define for this kind of schema (e.g. <c>logicalType</c>,
    /// <c>connect.name</c>): they do not affect encoding but are kept by <see cref="ToString"/>.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; }

    /// <summary>Parses a schema from its JSON form.</summary>
    /// <exception cref="AvroSchemaException">The JSON is not a valid schema; the message names where and why.</exception>
    public static Schema Parse(string json) => SchemaParser.Parse(json);

    /// <summary>
    /// The specification's Parsing Canonical Form: fullnames, only the attributes that affect parsing, fixed
    /// key order, no whitespace. Two schemas with equal canonical forms read and write the same bytes.
    /// </summary>
    public string ToCanonicalForm() => _canonicalForm ??= SchemaJsonWriter.ToCanonicalForm(this);

    /// <summary>CRC-64-AVRO (Rabin) fingerprint of <see cref="ToCanonicalForm"/>, as the specification defines it.</summary>
    public long Fingerprint64 => RabinFingerprint.Compute(Encoding.UTF8.GetBytes(ToCanonicalForm()));

    /// <summary>The full JSON form: docs, aliases, defaults, logical types and other attributes included.</summary>
    public override string ToString() => _json ??= SchemaJsonWriter.ToJson(this);

    /// <summary>How this schema reads its own encoding; built once, on first use.</summary>
    internal ReadNode IdentityReader => _identityReader ??= SchemaResolver.CreateReader(this, this);

    /// <summary>A short description for messages, e.g. <c>int</c>, <c>record Order</c>, <c>array&lt;string&gt;</c>.</summary>
    internal abstract string Describe();

    internal string DescribeWithLogicalType(string underlying) =>
        LogicalType is null ? underlying : $"{underlying} ({LogicalType})";
}
