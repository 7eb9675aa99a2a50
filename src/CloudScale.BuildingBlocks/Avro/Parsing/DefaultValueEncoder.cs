using System.Buffers;
using System.Text.Json;
using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Parsing;

/// <summary>
/// Encodes a field's JSON default with the field's schema, which is also how defaults are validated. The
/// JSON form is the specification's: bytes and fixed as strings of code points 0-255, a union's default in
/// its first branch, logical types as their underlying type.
/// </summary>
internal static class DefaultValueEncoder
{
    public static byte[] Encode(Field field, string path)
    {
        var json = field.DefaultValue!.Value;
        var output = new ArrayBufferWriter<byte>();
        try
        {
            Write(output, field.Schema, json);
        }
        catch (AvroTypeException e)
        {
            throw new AvroSchemaException($"invalid schema at {path}{e.Path}: default {json.GetRawText()} does not fit: {e.Problem}");
        }

        return output.WrittenSpan.ToArray();
    }

    private static void Write(IBufferWriter<byte> output, Schema schema, JsonElement json)
    {
        switch (schema)
        {
            case UnionSchema union when union.Count == 0:
                throw new AvroTypeException("an empty union has no values");
            case UnionSchema union:
                AvroBinaryWriter.WriteLong(output, 0);
                try
                {
                    Write(output, union.Schemas[0], json);
                }
                catch (AvroTypeException e) when (e.Path.Length == 0)
                {
                    throw new AvroTypeException($"{e.Problem} (a union's default must match its first branch, {union.Schemas[0].Describe()})");
                }

                break;
            case RecordSchema record:
                Expect(json, JsonValueKind.Object, "an object");
                foreach (var field in record.Fields)
                {
                    var value = json.TryGetProperty(field.Name, out var given) ? given
                        : field.DefaultValue ?? throw new AvroTypeException($"missing field '{field.Name}', which has no default");
                    Nested($".{field.Name}", () => Write(output, field.Schema, value));
                }

                break;
            case EnumSchema @enum:
                var index = json.ValueKind == JsonValueKind.String ? @enum.IndexOf(json.GetString()!) : -1;
                AvroBinaryWriter.WriteLong(output, index >= 0 ? index : throw new AvroTypeException($"expected one of the symbols {string.Join(", ", @enum.Symbols)}"));
                break;
            case FixedSchema @fixed:
                var bytes = Latin1Bytes(json);
                AvroBinaryWriter.WriteFixed(output, bytes.Length == @fixed.Size ? bytes : throw new AvroTypeException($"expected {@fixed.Size} bytes, got {bytes.Length}"));
                break;
            case ArraySchema array:
                Expect(json, JsonValueKind.Array, "an array");
                var items = json.EnumerateArray().ToList();
                AvroBinaryWriter.WriteLong(output, items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    Nested($"[{i}]", () => Write(output, array.ItemSchema, items[i]));
                }

                if (items.Count > 0)
                {
                    AvroBinaryWriter.WriteLong(output, 0);
                }

                break;
            case MapSchema map:
                Expect(json, JsonValueKind.Object, "an object");
                var entries = json.EnumerateObject().ToList();
                AvroBinaryWriter.WriteLong(output, entries.Count);
                foreach (var entry in entries)
                {
                    AvroBinaryWriter.WriteString(output, entry.Name);
                    Nested($"[\"{entry.Name}\"]", () => Write(output, map.ValueSchema, entry.Value));
                }

                if (entries.Count > 0)
                {
                    AvroBinaryWriter.WriteLong(output, 0);
                }

                break;
            default:
                WritePrimitive(output, schema.Type, json);
                break;
        }
    }

    private static void WritePrimitive(IBufferWriter<byte> output, AvroType type, JsonElement json)
    {
        switch (type)
        {
            case AvroType.Null:
                Expect(json, JsonValueKind.Null, "null");
                break;
            case AvroType.Boolean:
                AvroBinaryWriter.WriteBoolean(output, json.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new AvroTypeException("expected true or false"),
                });
                break;
            case AvroType.Int:
                AvroBinaryWriter.WriteLong(output, json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var intValue) ? intValue : throw new AvroTypeException("expected an integer in int range"));
                break;
            case AvroType.Long:
                AvroBinaryWriter.WriteLong(output, json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var longValue) ? longValue : throw new AvroTypeException("expected an integer in long range"));
                break;
            case AvroType.Float:
                Expect(json, JsonValueKind.Number, "a number");
                AvroBinaryWriter.WriteFloat(output, (float)json.GetDouble());
                break;
            case AvroType.Double:
                Expect(json, JsonValueKind.Number, "a number");
                AvroBinaryWriter.WriteDouble(output, json.GetDouble());
                break;
            case AvroType.Bytes:
                AvroBinaryWriter.WriteBytes(output, Latin1Bytes(json));
                break;
            case AvroType.String:
                Expect(json, JsonValueKind.String, "a string");
                AvroBinaryWriter.WriteString(output, json.GetString()!);
                break;
        }
    }

    private static byte[] Latin1Bytes(JsonElement json)
    {
        Expect(json, JsonValueKind.String, "a string of code points 0-255");
        var text = json.GetString()!;
        return text.All(c => c <= 0xFF)
            ? text.Select(c => (byte)c).ToArray()
            : throw new AvroTypeException("expected a string of code points 0-255 (one per byte)");
    }

    private static void Expect(JsonElement json, JsonValueKind kind, string expected)
    {
        if (json.ValueKind != kind)
        {
            throw new AvroTypeException($"expected {expected}");
        }
    }

    private static void Nested(string segment, Action write)
    {
        try
        {
            write();
        }
        catch (AvroTypeException e)
        {
            e.PrependPath(segment);
            throw;
        }
    }
}
