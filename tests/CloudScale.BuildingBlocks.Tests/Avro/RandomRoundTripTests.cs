using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>Property-style: seeded random values of a schema using every feature survive encode then decode.</summary>
public sealed class RandomRoundTripTests
{
    private static readonly Schema Mixed = Schema.Parse("""
        {"type":"record","name":"Mixed","namespace":"test","fields":[
          {"name":"b","type":"boolean"},
          {"name":"i","type":"int"},
          {"name":"l","type":"long"},
          {"name":"f","type":"float"},
          {"name":"d","type":"double"},
          {"name":"s","type":"string"},
          {"name":"raw","type":"bytes"},
          {"name":"maybe","type":["null","string","long",{"type":"array","items":"int"}]},
          {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B","C"]}},
          {"name":"hash","type":{"type":"fixed","name":"Hash","size":3}},
          {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"sku","type":"string"},{"name":"qty","type":"int"}]}}},
          {"name":"counts","type":{"type":"map","values":"long"}},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":3}},
          {"name":"total","type":{"type":"fixed","name":"Money","size":9,"logicalType":"decimal","precision":20,"scale":4}},
          {"name":"id","type":{"type":"string","logicalType":"uuid"}},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"at","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"atMillis","type":["null",{"type":"long","logicalType":"timestamp-millis"}]},
          {"name":"clock","type":{"type":"int","logicalType":"time-millis"}},
          {"name":"child","type":["null","Mixed"]}]}
        """);

    [Fact]
    public void Random_values_of_a_mixed_schema_round_trip()
    {
        var random = new Random(4242);
        var reader = new AvroDatumReader(Mixed, Mixed);
        for (var i = 0; i < 400; i++)
        {
            var value = RandomValue(Mixed, random, depth: 0);

            var decoded = reader.Read(AvroSerializer.Serialize(Mixed, value));

            Assert.True(AvroValueComparer.Instance.Equals(value, decoded), $"case {i}: {AvroValueComparer.Format(value)}\nread back as {AvroValueComparer.Format(decoded)}");
        }
    }

    /// <summary>Values exactly as decoding returns them: already truncated to each logical type's unit.</summary>
    private static object? RandomValue(Schema schema, Random random, int depth) => schema switch
    {
        UnionSchema union => RandomValue(union.Schemas[depth > 2 ? 0 : random.Next(union.Count)], random, depth + 1),
        RecordSchema record => RandomRecord(record, random, depth),
        EnumSchema @enum => new GenericEnum(@enum, @enum.Symbols[random.Next(@enum.Symbols.Count)]),
        FixedSchema { LogicalType: { } decimalType } => RandomDecimal(random, decimalType.Precision, decimalType.Scale),
        FixedSchema @fixed => new GenericFixed(@fixed, RandomBytes(random, @fixed.Size)),
        ArraySchema array => Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(array.ItemSchema, random, depth + 1)).ToList(),
        MapSchema map => Enumerable.Range(0, random.Next(4)).ToDictionary(i => $"{i}:{RandomString(random)}", _ => RandomValue(map.ValueSchema, random, depth + 1)),
        _ => RandomPrimitive(schema, random),
    };

    private static GenericRecord RandomRecord(RecordSchema schema, Random random, int depth)
    {
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            record[field.Name] = RandomValue(field.Schema, random, depth);
        }

        return record;
    }

    private static object? RandomPrimitive(Schema schema, Random random) => (schema.Type, schema.LogicalType?.Kind) switch
    {
        (AvroType.Null, _) => null,
        (AvroType.Boolean, _) => random.Next(2) == 1,
        (AvroType.Int, LogicalTypeKind.Date) => DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)),
        (AvroType.Int, LogicalTypeKind.TimeMillis) => new TimeOnly(random.NextInt64(0, TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond) * TimeSpan.TicksPerMillisecond),
        (AvroType.Int, _) => Pick(random, random.Next(), -random.Next(), int.MinValue, int.MaxValue, 0, random.Next(-100, 100)),
        (AvroType.Long, LogicalTypeKind.TimestampMicros) => RandomTimestamp(random, TimeSpan.TicksPerMicrosecond),
        (AvroType.Long, LogicalTypeKind.TimestampMillis) => RandomTimestamp(random, TimeSpan.TicksPerMillisecond),
        (AvroType.Long, _) => Pick(random, random.NextInt64(long.MinValue, long.MaxValue), long.MinValue, long.MaxValue, 0L, (long)random.Next(-100, 100)),
        (AvroType.Float, _) => Pick(random, (float)((random.NextDouble() - 0.5) * 1e6), float.NaN, float.MinValue, float.Epsilon, -0f),
        (AvroType.Double, _) => Pick(random, BitConverter.Int64BitsToDouble(random.NextInt64()), double.NaN, double.NegativeInfinity, 0.0),
        (AvroType.Bytes, LogicalTypeKind.Decimal) => RandomDecimal(random, schema.LogicalType!.Precision, schema.LogicalType.Scale),
        (AvroType.Bytes, _) => RandomBytes(random, random.Next(20)),
        (AvroType.String, LogicalTypeKind.Uuid) => new Guid(RandomBytes(random, 16)),
        (AvroType.String, _) => RandomString(random),
        _ => throw new ArgumentException($"no generator for {schema}"),
    };

    private static decimal RandomDecimal(Random random, int precision, int scale)
    {
        var digits = string.Concat(Enumerable.Range(0, random.Next(1, precision + 1)).Select(_ => (char)('0' + random.Next(10)))).PadLeft(scale + 1, '0');
        var text = (random.Next(2) == 0 ? "" : "-") + (scale == 0 ? digits : $"{digits[..^scale]}.{digits[^scale..]}");
        return decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DateTime RandomTimestamp(Random random, long ticksPerUnit)
    {
        var ticks = random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerSecond, DateTime.MaxValue.Ticks);
        return new DateTime(ticks - ((ticks - DateTime.UnixEpoch.Ticks) % ticksPerUnit + ticksPerUnit) % ticksPerUnit, DateTimeKind.Utc);
    }

    private static string RandomString(Random random)
    {
        var alphabet = new[] { "a", "Z", "0", " ", "é", "ß", "日", "本", "😀", "\u0000", "\"" };
        return string.Concat(Enumerable.Range(0, random.Next(8)).Select(_ => alphabet[random.Next(alphabet.Length)]));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static object Pick(Random random, params object[] choices) => choices[random.Next(choices.Length)];
}
