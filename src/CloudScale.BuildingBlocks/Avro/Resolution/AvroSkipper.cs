using CloudScale.BuildingBlocks.Avro.Binary;

namespace CloudScale.BuildingBlocks.Avro.Resolution;

/// <summary>Passes over a value of a writer field the reader does not want, with the same checks as reading.</summary>
internal static class AvroSkipper
{
    public static void Skip(Schema schema, ref AvroBinaryReader reader)
    {
        reader.Enter();
        switch (schema)
        {
            case RecordSchema record:
                foreach (var field in record.Fields)
                {
                    Skip(field.Schema, ref reader);
                }

                break;
            case UnionSchema union:
                var start = reader.Position;
                var index = reader.ReadInt();
                if (index < 0 || index >= union.Count)
                {
                    throw AvroBinaryReader.Error($"union branch index {index} is out of range (the union has {union.Count} branches)", start);
                }

                Skip(union.Schemas[index], ref reader);
                break;
            case ArraySchema array:
                SkipBlocks(ref reader, array.ItemSchema, keys: false);
                break;
            case MapSchema map:
                SkipBlocks(ref reader, map.ValueSchema, keys: true);
                break;
            case FixedSchema @fixed:
                reader.Skip(@fixed.Size, "fixed");
                break;
            case EnumSchema:
                reader.ReadInt();
                break;
            default:
                SkipPrimitive(schema.Type, ref reader);
                break;
        }

        reader.Exit();
    }

    private static void SkipBlocks(ref AvroBinaryReader reader, Schema items, bool keys)
    {
        var seen = 0;
        while (reader.ReadBlockCount(seen, itemsMayBeEmpty: !keys && SchemaSizes.MayBeEmpty(items), out var byteSize) is var count and > 0)
        {
            seen += count;
            if (byteSize >= 0)
            {
                reader.Skip(byteSize, "block");
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                if (keys)
                {
                    reader.ReadString();
                }

                Skip(items, ref reader);
            }
        }
    }

    private static void SkipPrimitive(AvroType type, ref AvroBinaryReader reader)
    {
        switch (type)
        {
            case AvroType.Boolean:
                reader.ReadBoolean();
                break;
            case AvroType.Int:
                reader.ReadInt();
                break;
            case AvroType.Long:
                reader.ReadLong();
                break;
            case AvroType.Float:
                reader.Skip(4, "float");
                break;
            case AvroType.Double:
                reader.Skip(8, "double");
                break;
            case AvroType.Bytes:
                reader.SkipBytes();
                break;
            case AvroType.String:
                reader.ReadString();
                break;
        }
    }
}
