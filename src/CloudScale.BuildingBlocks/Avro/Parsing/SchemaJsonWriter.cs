using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudScale.BuildingBlocks.Avro.Parsing;

/// <summary>Schema to JSON: the full form (round-trips through the parser) and the Parsing Canonical Form.</summary>
internal static class SchemaJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(Schema schema)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            WriteFull(writer, schema, enclosingNamespace: null, written: new HashSet<string>(StringComparer.Ordinal));
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// [PRIMITIVES] simple names, [FULLNAMES] everywhere, [STRIP] to name/type/fields/symbols/items/values/size,
    /// [ORDER] in that order, no whitespace. Names and symbols are ASCII by validation, so nothing needs escaping.
    /// </summary>
    public static string ToCanonicalForm(Schema schema)
    {
        var text = new StringBuilder();
        WriteCanonical(text, schema, new HashSet<string>(StringComparer.Ordinal));
        return text.ToString();
    }

    private static void WriteCanonical(StringBuilder text, Schema schema, HashSet<string> written)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                text.Append('"').Append(primitive.Name).Append('"');
                break;
            case NamedSchema named when !written.Add(named.FullName):
                text.Append('"').Append(named.FullName).Append('"');
                break;
            case RecordSchema record:
                text.Append("{\"name\":\"").Append(record.FullName).Append("\",\"type\":\"record\",\"fields\":[");
                foreach (var field in record.Fields)
                {
                    text.Append(field.Position == 0 ? "" : ",").Append("{\"name\":\"").Append(field.Name).Append("\",\"type\":");
                    WriteCanonical(text, field.Schema, written);
                    text.Append('}');
                }

                text.Append("]}");
                break;
            case EnumSchema @enum:
                text.Append("{\"name\":\"").Append(@enum.FullName).Append("\",\"type\":\"enum\",\"symbols\":[")
                    .AppendJoin(',', @enum.Symbols.Select(s => $"\"{s}\"")).Append("]}");
                break;
            case FixedSchema @fixed:
                text.Append("{\"name\":\"").Append(@fixed.FullName).Append("\",\"type\":\"fixed\",\"size\":").Append(@fixed.Size).Append('}');
                break;
            case ArraySchema array:
                text.Append("{\"type\":\"array\",\"items\":");
                WriteCanonical(text, array.ItemSchema, written);
                text.Append('}');
                break;
            case MapSchema map:
                text.Append("{\"type\":\"map\",\"values\":");
                WriteCanonical(text, map.ValueSchema, written);
                text.Append('}');
                break;
            case UnionSchema union:
                text.Append('[');
                for (var i = 0; i < union.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    WriteCanonical(text, union.Schemas[i], written);
                }

                text.Append(']');
                break;
        }
    }

    private static void WriteFull(Utf8JsonWriter writer, Schema schema, string? enclosingNamespace, HashSet<string> written)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive when primitive.Properties.Count == 0:
                writer.WriteStringValue(primitive.Name);
                return;
            case NamedSchema named when !written.Add(named.FullName):
                writer.WriteStringValue(named.Namespace == enclosingNamespace ? named.Name : named.FullName);
                return;
            case UnionSchema union:
                writer.WriteStartArray();
                foreach (var branch in union.Schemas)
                {
                    WriteFull(writer, branch, enclosingNamespace, written);
                }

                writer.WriteEndArray();
                return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", schema is PrimitiveSchema p ? p.Name : PrimitiveSchema.NameOf(schema.Type));
        if (schema is NamedSchema name)
        {
            writer.WriteString("name", name.Name);
            if (name.Namespace != enclosingNamespace)
            {
                writer.WriteString("namespace", name.Namespace ?? "");
            }

            WriteOptional(writer, "doc", name.Doc);
            WriteAliases(writer, name.Aliases);
        }

        switch (schema)
        {
            case RecordSchema record:
                writer.WriteStartArray("fields");
                foreach (var field in record.Fields)
                {
                    WriteField(writer, field, record.Namespace, written);
                }

                writer.WriteEndArray();
                break;
            case EnumSchema @enum:
                writer.WriteStartArray("symbols");
                @enum.Symbols.ToList().ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                WriteOptional(writer, "default", @enum.Default);
                break;
            case FixedSchema @fixed:
                writer.WriteNumber("size", @fixed.Size);
                break;
            case ArraySchema array:
                writer.WritePropertyName("items");
                WriteFull(writer, array.ItemSchema, enclosingNamespace, written);
                break;
            case MapSchema map:
                writer.WritePropertyName("values");
                WriteFull(writer, map.ValueSchema, enclosingNamespace, written);
                break;
        }

        WriteProperties(writer, schema.Properties);
        writer.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter writer, Field field, string? @namespace, HashSet<string> written)
    {
        writer.WriteStartObject();
        writer.WriteString("name", field.Name);
        writer.WritePropertyName("type");
        WriteFull(writer, field.Schema, @namespace, written);
        WriteOptional(writer, "doc", field.Doc);
        if (field.DefaultValue is { } defaultValue)
        {
            writer.WritePropertyName("default");
            defaultValue.WriteTo(writer);
        }

        if (field.Order != SortOrder.Ascending)
        {
            writer.WriteString("order", field.Order.ToString().ToLowerInvariant());
        }

        WriteAliases(writer, field.Aliases);
        WriteProperties(writer, field.Properties);
        writer.WriteEndObject();
    }

    private static void WriteAliases(Utf8JsonWriter writer, IReadOnlyList<string> aliases)
    {
        if (aliases.Count > 0)
        {
            writer.WriteStartArray("aliases");
            aliases.ToList().ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> properties)
    {
        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
