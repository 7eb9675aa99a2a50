using CloudScale.BuildingBlocks.Avro;
using static CloudScale.BuildingBlocks.Tests.Avro.AvroCorpus;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>Bad bytes end in <see cref="AvroDecodeException"/>: never another exception, a hang or a huge allocation.</summary>
public sealed class MalformedInputTests
{
    private static readonly Schema Sample = Schema.Parse("""
        {"type":"record","name":"Sample","fields":[
          {"name":"id","type":"long"},
          {"name":"name","type":"string"},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"attrs","type":{"type":"map","values":["null","double"]}},
          {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
          {"name":"hash","type":{"type":"fixed","name":"Hash","size":4}},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":6,"scale":2}},
          {"name":"flag","type":"boolean"}]}
        """);

    private static readonly Schema SampleSubset = Schema.Parse("""{"type":"record","name":"Sample","fields":[{"name":"flag","type":"boolean"}]}""");

    private static readonly Schema LinkedList = Schema.Parse("""{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""");

    [Fact]
    public void Every_truncation_of_a_valid_value_is_a_decode_error()
    {
        var bytes = AvroSerializer.Serialize(Sample, SampleValue());

        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<AvroDecodeException>(() => AvroSerializer.Read(Sample, prefix));
            Assert.Throws<AvroDecodeException>(() => AvroSerializer.Read(Sample, SampleSubset, prefix));
        }
    }

    [Fact]
    public void Random_garbage_decodes_or_fails_with_a_decode_error_only()
    {
        var random = new Random(20240229);
        var plans = new[] { new AvroDatumReader(Sample, Sample), new AvroDatumReader(Sample, SampleSubset), new AvroDatumReader(LinkedList, LinkedList) };
        for (var i = 0; i < 3000; i++)
        {
            var garbage = new byte[random.Next(0, 80)];
            random.NextBytes(garbage);
            foreach (var plan in plans)
            {
                try
                {
                    plan.Read(garbage);
                }
                catch (AvroDecodeException)
                {
                }
            }
        }
    }

    [Fact]
    public void Flipped_bytes_of_a_valid_value_decode_or_fail_with_a_decode_error_only()
    {
        var bytes = AvroSerializer.Serialize(Sample, SampleValue());
        for (var position = 0; position < bytes.Length; position++)
        {
            foreach (var replacement in new byte[] { 0x00, 0x01, 0x7f, 0x80, 0xff })
            {
                var corrupt = (byte[])bytes.Clone();
                corrupt[position] = replacement;
                try
                {
                    AvroSerializer.Read(Sample, corrupt);
                    AvroSerializer.Read(Sample, SampleSubset, corrupt);
                }
                catch (AvroDecodeException)
                {
                }
            }
        }
    }

    [Theory]
    [InlineData("\"string\"", "01", "at byte 0: string length -1 is negative")]
    [InlineData("\"bytes\"", "8101", "at byte 0: bytes length -65 is negative")]
    [InlineData("\"string\"", "0a6162", "at byte 0: string length 5 exceeds the 2 bytes left (truncated input?)")]
    [InlineData("\"string\"", "04c328", "at byte 0: string is not valid UTF-8")]
    [InlineData("\"long\"", "ffffffffffffffffff7f", "at byte 0: varint is too long or too large for a long")]
    [InlineData("\"long\"", "8080808080808080808001", "at byte 0: varint is too long or too large for a long")]
    [InlineData("\"int\"", "ffffffff1f", "at byte 0: varint is too long or too large for an int")]
    [InlineData("\"int\"", "ff", "at byte 1: input ends inside an int (truncated input?)")]
    [InlineData("""["null","string"]""", "04", "at byte 0: union branch index 2 is out of range (the union has 2 branches)")]
    [InlineData("""["null","string"]""", "01", "at byte 0: union branch index -1 is out of range (the union has 2 branches)")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A"]}""", "02", "at byte 0: enum index 1 is out of range (the writer enum has 1 symbols)")]
    [InlineData("\"boolean\"", "02", "at byte 0: boolean byte must be 0 or 1, got 2")]
    [InlineData("""{"type":"array","items":"long"}""", "feffffffffffffffff01", "at byte 0: block of 9223372036854775807 items cannot fit in the 0 bytes left")]
    [InlineData("""{"type":"array","items":"long"}""", "0101", "at byte 0: block byte size -1 is negative or exceeds the 0 bytes left")]
    [InlineData("""{"type":"array","items":"null"}""", "80a8d6b907", "at byte 0: block of 1000000000 items takes the collection past 1048576 zero-size items")]
    [InlineData("""{"type":"map","values":"int"}""", "0201", "at byte 1: string length -1 is negative")]
    [InlineData("\"int\"", "0200", "at byte 1: 1 unexpected byte(s) after the value")]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":40,"scale":2}""", "220100000000000000000000000000000000", "at byte 0: decimal(40,2) value 0x0100000000000000000000000000000000 does not fit System.Decimal (at most 28 fraction digits and a 96-bit unscaled value)")]
    [InlineData("""{"type":"int","logicalType":"time-millis"}""", "01", "at byte 0: time-millis -1 is outside the range of a day")]
    [InlineData("""{"type":"long","logicalType":"timestamp-millis"}""", "feffffffffffffffff01", "at byte 0: timestamp-millis 9223372036854775807 is outside the range of DateTime")]
    [InlineData("""{"type":"string","logicalType":"uuid"}""", "0a6e6f70652e", "at byte 0: uuid \"nope.\" is not a UUID")]
    public void Names_what_is_wrong_and_where(string schemaJson, string hex, string expected)
    {
        var error = Assert.Throws<AvroDecodeException>(() => AvroSerializer.Read(Schema.Parse(schemaJson), Convert.FromHexString(hex)));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Hostile_nesting_is_refused_before_the_stack_runs_out()
    {
        // Node -> next: branch 1 (Node) ... 100 000 times: 1 byte per level.
        var bytes = Enumerable.Repeat((byte)0x02, 100_000).Append((byte)0x00).ToArray();

        var error = Assert.Throws<AvroDecodeException>(() => AvroSerializer.Read(LinkedList, bytes));

        Assert.EndsWith("values nest deeper than 1000 levels", error.Message);
    }

    [Fact]
    public void Zero_size_items_are_capped_rather_than_allocated_without_limit()
    {
        var schema = Schema.Parse("""{"type":"array","items":"null"}""");

        var fine = (List<object?>)AvroSerializer.Read(schema, [0x80, 0x08, 0x00])!; // 512 nulls
        var error = Assert.Throws<AvroDecodeException>(() => AvroSerializer.Read(schema, [0x80, 0x80, 0x80, 0x01, 0x80, 0x80, 0x80, 0x01, 0x00])); // 2 x 2^20

        Assert.Equal(512, fine.Count);
        Assert.Contains("items", error.Message);
    }

    private static GenericRecord SampleValue() => Record(
        Sample,
        ("id", -123456789L),
        ("name", "naïve"),
        ("tags", List("a", "bc")),
        ("attrs", Map(("x", 1.5), ("y", null))),
        ("kind", "B"),
        ("hash", new byte[] { 1, 2, 3, 4 }),
        ("price", -12.34m),
        ("flag", true));
}
