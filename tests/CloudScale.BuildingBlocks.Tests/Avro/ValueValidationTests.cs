using System.Buffers;
using CloudScale.BuildingBlocks.Avro;
using static CloudScale.BuildingBlocks.Tests.Avro.AvroCorpus;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>Writing checks every value against the schema and says where the mismatch is.</summary>
public sealed class ValueValidationTests
{
    private static readonly Schema Order = Schema.Parse("""
        {"type":"record","name":"Order","fields":[
          {"name":"sku","type":"string"},
          {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[{"name":"quantity","type":"int"}]}}},
          {"name":"tags","type":{"type":"map","values":"string"}},
          {"name":"note","type":["null","string"],"default":null},
          {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]},"default":"NEW"},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":5,"scale":2},"default":"\u0000"},
          {"name":"hash","type":["null",{"type":"fixed","name":"Hash","size":2}],"default":null}]}
        """);

    private static readonly Schema Item = ((ArraySchema)Field(Order, "items")).ItemSchema;

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Mismatch_names_the_path_and_the_expected_and_actual_types(string field, object? value, string expected)
    {
        var order = ValidOrder();
        order[field] = value;

        var error = Assert.Throws<AvroTypeException>(() => AvroSerializer.Serialize(Order, order));

        Assert.Equal(expected, error.Message);
    }

    public static TheoryData<string, object?, string> Mismatches() => new()
    {
        { "items", List(Record(Item, ("quantity", 1)), Record(Item, ("quantity", 2)), Record(Item, ("quantity", "3"))), "Order.items[2].quantity: expected int, got string" },
        { "items", List(Record(Item, ("quantity", 5L))), "Order.items[0].quantity: expected int, got long" },
        { "items", List(new GenericRecord((RecordSchema)Item)), "Order.items[0].quantity: no value set, and the field has no default" },
        { "items", "not a list", "Order.items: expected array<record Item>, got string" },
        { "tags", Map(("color", 7)), "Order.tags[\"color\"]: expected string, got int" },
        { "tags", new Dictionary<int, string> { [1] = "x" }, "Order.tags: map keys must be strings, got int" },
        { "note", 12L, "Order.note: long matches no branch of union[null, string]" },
        { "status", "LOST", "Order.status: 'LOST' is not a symbol of enum Status; symbols are NEW, PAID" },
        { "price", 1.234m, "Order.price: decimal 1.234 has more than 2 fractional digits (scale 2); round it first" },
        { "price", 1000.00m, "Order.price: decimal 1000.00 needs 6 digits at scale 2, precision is 5" },
        { "price", 1.5, "Order.price: expected bytes (decimal(5,2)), got double" },
        { "hash", new byte[] { 1, 2, 3 }, "Order.hash: bytes matches no branch of union[null, fixed Hash(2)]" },
        { "sku", null, "Order.sku: expected string, got null" },
        { "sku", "broken \ud800 surrogate", "Order.sku: string contains an unpaired UTF-16 surrogate and has no UTF-8 encoding" },
    };

    [Fact]
    public void Unset_fields_with_defaults_are_fine_and_required_ones_are_named()
    {
        var order = new GenericRecord((RecordSchema)Order) { { "items", List() }, { "tags", Map() } };

        var error = Assert.Throws<AvroTypeException>(() => AvroSerializer.Serialize(Order, order));

        Assert.Equal("Order.sku: no value set, and the field has no default", error.Message);
        order["sku"] = "A";
        var read = (GenericRecord)AvroSerializer.Read(Order, AvroSerializer.Serialize(Order, order))!;
        Assert.Equal("NEW", read["status"]!.ToString());
        Assert.Equal(0m, read["price"]);
    }

    [Fact]
    public void A_record_that_contains_itself_is_refused_instead_of_overflowing_the_stack()
    {
        var schema = Schema.Parse("""{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""");
        var node = new GenericRecord((RecordSchema)schema);
        node["next"] = node;

        var error = Assert.Throws<AvroTypeException>(() => AvroSerializer.Serialize(schema, node));

        Assert.EndsWith("value nests deeper than 1000 levels (does a record contain itself?)", error.Message);
    }

    [Fact]
    public void A_failed_write_to_a_stream_writes_nothing()
    {
        using var stream = new MemoryStream();
        var order = ValidOrder();
        order["sku"] = 42;

        Assert.Throws<AvroTypeException>(() => AvroSerializer.Write(Order, order, stream));

        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Writes_into_a_caller_supplied_buffer_writer()
    {
        var buffer = new ArrayBufferWriter<byte>();

        AvroSerializer.Write(Order, ValidOrder(), buffer);
        AvroSerializer.Write(Schema.Parse("\"int\""), 1, buffer);

        Assert.Equal([.. AvroSerializer.Serialize(Order, ValidOrder()), 0x02], buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Timestamps_are_truncated_towards_the_past_to_the_unit_and_read_back_as_utc()
    {
        var millis = Schema.Parse("""{"type":"long","logicalType":"timestamp-millis"}""");
        var micros = Schema.Parse("""{"type":"long","logicalType":"timestamp-micros"}""");
        var afterEpoch = new DateTime(2024, 2, 29, 13, 45, 10, DateTimeKind.Utc).AddTicks(1_234_567);
        var beforeEpoch = DateTime.UnixEpoch.AddTicks(-1);

        Assert.Equal(Utc("2024-02-29T13:45:10.123"), RoundTrip(millis, afterEpoch));
        Assert.Equal(Utc("2024-02-29T13:45:10.123456"), RoundTrip(micros, afterEpoch));
        Assert.Equal(Utc("1969-12-31T23:59:59.999"), RoundTrip(millis, beforeEpoch));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)RoundTrip(micros, afterEpoch)!).Kind);
        Assert.Equal(Utc("2024-02-29T12:45:10.123"), RoundTrip(millis, new DateTimeOffset(2024, 2, 29, 13, 45, 10, 123, TimeSpan.FromHours(1))));
        Assert.Equal(Utc("1970-01-01T00:00:01"), RoundTrip(millis, 1000L));
    }

    [Fact]
    public void Logical_types_accept_their_underlying_values_and_read_back_as_dotnet_types()
    {
        Assert.Equal(new DateOnly(1970, 1, 11), RoundTrip(Schema.Parse("""{"type":"int","logicalType":"date"}"""), 10));
        Assert.Equal(new TimeOnly(0, 0, 1), RoundTrip(Schema.Parse("""{"type":"int","logicalType":"time-millis"}"""), 1000));
        Assert.Equal(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), RoundTrip(Schema.Parse("""{"type":"string","logicalType":"uuid"}"""), "{00112233-4455-6677-8899-AABBCCDDEEFF}"));
        Assert.Equal(2.55m, RoundTrip(Schema.Parse("""{"type":"bytes","logicalType":"decimal","precision":3,"scale":2}"""), new byte[] { 0, 0xff }));
        Assert.Equal(1.5m, RoundTrip(Schema.Parse("""{"type":"fixed","name":"D","size":3,"logicalType":"decimal","precision":5,"scale":1}"""), 1.5m));
    }

    [Fact]
    public void Decimal_that_does_not_fit_its_fixed_size_is_refused()
    {
        var schema = Schema.Parse("""{"type":"fixed","name":"D","size":1,"logicalType":"decimal","precision":2}""");

        Assert.Equal(-99m, RoundTrip(schema, -99m));
        Assert.Equal("D: decimal 128 needs 3 digits at scale 0, precision is 2", Assert.Throws<AvroTypeException>(() => AvroSerializer.Serialize(schema, 128m)).Message);
    }

    [Fact]
    public void Generic_values_refuse_unknown_fields_symbols_and_sizes()
    {
        var record = new GenericRecord((RecordSchema)Order);

        Assert.Equal(
            "record Order has no field 'skew'; its fields are sku, items, tags, note, status, price, hash",
            Assert.Throws<KeyNotFoundException>(() => record["skew"] = 1).Message);
        Assert.False(record.TryGetValue("sku", out _));
        Assert.StartsWith("'LOST' is not a symbol of enum Status", Assert.Throws<ArgumentException>(() => new GenericEnum((EnumSchema)Field(Order, "status"), "LOST")).Message);
        Assert.StartsWith("fixed Hash holds 2 bytes, got 1", Assert.Throws<ArgumentException>(() => new GenericFixed((FixedSchema)Field(Order, "hash"), [1])).Message);
    }

    private static object? RoundTrip(Schema schema, object? value) => AvroSerializer.Read(schema, AvroSerializer.Serialize(schema, value));

    private static GenericRecord ValidOrder() => Record(Order, ("sku", "A-1"), ("items", List(Record(Item, ("quantity", 1)))), ("tags", Map(("color", "red"))));
}
