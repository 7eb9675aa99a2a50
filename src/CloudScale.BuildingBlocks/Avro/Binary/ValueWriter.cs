using System.Buffers;
using System.Collections;
using System.Globalization;

namespace CloudScale.BuildingBlocks.Avro.Binary;

/// <summary>
/// Writes a value by walking its schema, checking each part on the way. Mismatches throw
/// <see cref="AvroTypeException"/>; the path is added while the exception unwinds.
/// </summary>
internal static class ValueWriter
{
    public static void Write(IBufferWriter<byte> output, Schema schema, object? value, int depth)
    {
        if (depth > AvroBinaryReader.MaxDepth)
        {
            throw new AvroTypeException($"value nests deeper than {AvroBinaryReader.MaxDepth} levels (does a record contain itself?)");
        }

        switch (schema)
        {
            case UnionSchema union:
                var branch = SelectBranch(union, value);
                AvroBinaryWriter.WriteLong(output, branch >= 0 ? branch : throw new AvroTypeException($"{Describe(value)} matches no branch of {union.Describe()}"));
                Write(output, union.Schemas[branch], value, depth + 1);
                break;
            case RecordSchema record:
                WriteRecord(output, record, value as GenericRecord is { } r && r.Schema.FullName == record.FullName ? r : throw Mismatch(schema, value), depth);
                break;
            case EnumSchema @enum:
                var symbol = value switch
                {
                    GenericEnum e when e.Schema.FullName == @enum.FullName => e.Symbol,
                    string s => s,
                    _ => throw Mismatch(schema, value),
                };
                var index = @enum.IndexOf(symbol);
                AvroBinaryWriter.WriteLong(output, index >= 0 ? index : throw new AvroTypeException($"'{symbol}' is not a symbol of {@enum.Describe()}; symbols are {string.Join(", ", @enum.Symbols)}"));
                break;
            case FixedSchema @fixed:
                AvroBinaryWriter.WriteFixed(output, FixedBytes(@fixed, value));
                break;
            case ArraySchema array:
                WriteArray(output, array, IsArray(value) ? (ICollection)value! : throw Mismatch(schema, value), depth);
                break;
            case MapSchema map:
                WriteMap(output, map, value as IDictionary ?? throw Mismatch(schema, value), depth);
                break;
            default:
                WritePrimitive(output, schema, FitsPrimitive(schema, value) ? value : throw Mismatch(schema, value));
                break;
        }
    }

    /// <summary>
    /// The first branch whose type fits the value (records, enums and fixed by fullname), so <c>["null","string"]</c>
    /// takes null or a string, and <c>["int","long"]</c> sends an int to int and a long to long.
    /// </summary>
    public static int SelectBranch(UnionSchema union, object? value)
    {
        for (var i = 0; i < union.Count; i++)
        {
            if (Fits(union.Schemas[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Fits(Schema schema, object? value) => schema switch
    {
        RecordSchema record => value is GenericRecord r && r.Schema.FullName == record.FullName,
        EnumSchema @enum => value is GenericEnum e ? e.Schema.FullName == @enum.FullName : value is string s && @enum.IndexOf(s) >= 0,
        FixedSchema @fixed => value switch
        {
            GenericFixed f => f.Schema.FullName == @fixed.FullName,
            byte[] bytes => bytes.Length == @fixed.Size,
            decimal => @fixed.LogicalType?.Kind == LogicalTypeKind.Decimal,
            _ => false,
        },
        ArraySchema => IsArray(value),
        MapSchema => value is IDictionary,
        UnionSchema => false,
        _ => FitsPrimitive(schema, value),
    };

    /// <summary>
    /// Integral types widen to int or long when lossless; float and int widen to double. A logical type also
    /// accepts its underlying type's values (e.g. a long for timestamp-micros).
    /// </summary>
    private static bool FitsPrimitive(Schema schema, object? value) => (schema.Type, schema.LogicalType?.Kind, value) switch
    {
        (AvroType.Null, _, null) => true,
        (AvroType.Boolean, _, bool) => true,
        (AvroType.Int, LogicalTypeKind.Date, DateOnly) => true,
        (AvroType.Int, LogicalTypeKind.TimeMillis, TimeOnly) => true,
        (AvroType.Int, _, int or short or sbyte or byte or ushort) => true,
        (AvroType.Long, LogicalTypeKind.TimestampMillis or LogicalTypeKind.TimestampMicros, DateTime or DateTimeOffset) => true,
        (AvroType.Long, LogicalTypeKind.TimeMicros, TimeOnly) => true,
        (AvroType.Long, _, long or int or short or sbyte or byte or ushort or uint) => true,
        (AvroType.Float, _, float) => true,
        (AvroType.Double, _, double or float or int) => true,
        (AvroType.Bytes, LogicalTypeKind.Decimal, decimal) => true,
        (AvroType.Bytes, _, byte[]) => true,
        (AvroType.String, LogicalTypeKind.Uuid, Guid) => true,
        (AvroType.String, _, string) => true,
        _ => false,
    };

    private static void WritePrimitive(IBufferWriter<byte> output, Schema schema, object? value)
    {
        var logicalType = schema.LogicalType;
        switch (schema.Type)
        {
            case AvroType.Boolean:
                AvroBinaryWriter.WriteBoolean(output, (bool)value!);
                break;
            case AvroType.Int:
                AvroBinaryWriter.WriteLong(output, value switch
                {
                    DateOnly date => LogicalValues.ToDays(date),
                    TimeOnly time => LogicalValues.ToTimeUnits(time, LogicalValues.TicksPerMilli),
                    _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                });
                break;
            case AvroType.Long:
                var ticksPerUnit = logicalType?.Kind == LogicalTypeKind.TimestampMillis ? LogicalValues.TicksPerMilli : LogicalValues.TicksPerMicro;
                AvroBinaryWriter.WriteLong(output, value switch
                {
                    DateTime dateTime => LogicalValues.ToUnixUnits(dateTime, ticksPerUnit),
                    DateTimeOffset offset => LogicalValues.ToUnixUnits(offset.UtcDateTime, ticksPerUnit),
                    TimeOnly time => LogicalValues.ToTimeUnits(time, LogicalValues.TicksPerMicro),
                    _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                });
                break;
            case AvroType.Float:
                AvroBinaryWriter.WriteFloat(output, (float)value!);
                break;
            case AvroType.Double:
                AvroBinaryWriter.WriteDouble(output, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case AvroType.Bytes:
                AvroBinaryWriter.WriteBytes(output, value is decimal number ? EncodeDecimal(number, logicalType!) : (byte[])value!);
                break;
            case AvroType.String:
                AvroBinaryWriter.WriteString(output, logicalType?.Kind == LogicalTypeKind.Uuid ? Uuid(value!) : (string)value!);
                break;
        }
    }

    private static void WriteRecord(IBufferWriter<byte> output, RecordSchema schema, GenericRecord record, int depth)
    {
        // The same schema object (the common case) allows positional access.
        var sameSchema = ReferenceEquals(record.Schema, schema);
        foreach (var field in schema.Fields)
        {
            object? value = null;
            var isSet = sameSchema ? record.IsSet(field.Position) : record.TryGetValue(field.Name, out value);
            try
            {
                if (isSet)
                {
                    Write(output, field.Schema, sameSchema ? record[field.Position] : value, depth + 1);
                }
                else
                {
                    AvroBinaryWriter.WriteFixed(output, field.DefaultBytes ?? throw new AvroTypeException("no value set, and the field has no default"));
                }
            }
            catch (AvroTypeException e)
            {
                e.PrependPath("." + field.Name);
                throw;
            }
        }
    }

    private static void WriteArray(IBufferWriter<byte> output, ArraySchema schema, ICollection items, int depth)
    {
        // One block with the count up front, then the end marker: what Java and avsc write.
        if (items.Count > 0)
        {
            AvroBinaryWriter.WriteLong(output, items.Count);
            var index = 0;
            foreach (var item in items)
            {
                try
                {
                    Write(output, schema.ItemSchema, item, depth + 1);
                }
                catch (AvroTypeException e)
                {
                    e.PrependPath($"[{index}]");
                    throw;
                }

                index++;
            }
        }

        AvroBinaryWriter.WriteLong(output, 0);
    }

    private static void WriteMap(IBufferWriter<byte> output, MapSchema schema, IDictionary entries, int depth)
    {
        if (entries.Count > 0)
        {
            AvroBinaryWriter.WriteLong(output, entries.Count);
            foreach (DictionaryEntry entry in entries)
            {
                var key = entry.Key as string ?? throw new AvroTypeException($"map keys must be strings, got {Describe(entry.Key)}");
                AvroBinaryWriter.WriteString(output, key);
                try
                {
                    Write(output, schema.ValueSchema, entry.Value, depth + 1);
                }
                catch (AvroTypeException e)
                {
                    e.PrependPath($"[\"{key}\"]");
                    throw;
                }
            }
        }

        AvroBinaryWriter.WriteLong(output, 0);
    }

    private static byte[] FixedBytes(FixedSchema schema, object? value)
    {
        var bytes = value switch
        {
            GenericFixed f when f.Schema.FullName == schema.FullName => f.Value,
            byte[] b => b,
            decimal number when schema.LogicalType is { Kind: LogicalTypeKind.Decimal } decimalType =>
                LogicalValues.SignExtend(EncodeDecimal(number, decimalType), schema.Size)
                ?? throw new AvroTypeException($"decimal {number.ToString(CultureInfo.InvariantCulture)} does not fit in {schema.Size} bytes"),
            _ => throw Mismatch(schema, value),
        };
        return bytes.Length == schema.Size ? bytes : throw new AvroTypeException($"expected {schema.Size} bytes for {schema.Describe()}, got {bytes.Length}");
    }

    private static byte[] EncodeDecimal(decimal value, LogicalType decimalType) =>
        LogicalValues.TryEncodeDecimal(value, decimalType.Precision, decimalType.Scale, out var problem) ?? throw new AvroTypeException(problem);

    private static string Uuid(object value) => value switch
    {
        Guid guid => guid.ToString("D"),
        string text when Guid.TryParse(text, out var guid) => guid.ToString("D"),
        _ => throw new AvroTypeException($"expected a UUID, got the string \"{value}\""),
    };

    private static bool IsArray(object? value) => value is ICollection and not byte[] and not IDictionary;

    private static AvroTypeException Mismatch(Schema expected, object? value) => new($"expected {expected.Describe()}, got {Describe(value)}");

    private static string Describe(object? value) => value switch
    {
        null => "null",
        bool => "boolean",
        int => "int",
        long => "long",
        float => "float",
        double => "double",
        string => "string",
        byte[] => "bytes",
        GenericRecord r => $"record {r.Schema.FullName}",
        GenericEnum e => $"enum {e.Schema.FullName}",
        GenericFixed f => $"fixed {f.Schema.FullName}",
        IDictionary => "map",
        ICollection => "array",
        _ => value.GetType().Name,
    };
}
