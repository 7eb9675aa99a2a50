using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>A schema and a value exactly as decoding produces it (lists, dictionaries, fully set records).</summary>
public sealed record AvroCase(string Name, string Schema, Func<Schema, object?> Value);

/// <summary>Schema/value pairs covering every feature the codec supports; checked against avsc both ways.</summary>
public static class AvroCorpus
{
    public static readonly IReadOnlyList<AvroCase> Cases =
    [
        new("null", "\"null\"", _ => null),
        new("booleans", """{"type":"array","items":"boolean"}""", _ => List(true, false)),
        new("int-zigzag-edges", """{"type":"array","items":"int"}""", _ => List(0, -1, 1, -64, 64, -65, 8191, int.MinValue, int.MaxValue)),
        new(
            "long-zigzag-edges",
            """{"type":"array","items":{"type":"long"}}""",
            _ => List(0L, -1L, 1L, (long)int.MinValue - 1, (1L << 53) + 1, long.MinValue, long.MaxValue)),
        new(
            "floats-and-doubles",
            """{"type":"record","name":"Numbers","fields":[{"name":"f","type":{"type":"array","items":"float"}},{"name":"d","type":{"type":"array","items":"double"}}]}""",
            s => Record(s, ("f", List(0f, -1.5f, 0.1f, float.MaxValue, float.Epsilon, float.NaN, float.NegativeInfinity)),
                ("d", List(0d, -2.5e-300, 0.1, double.MaxValue, double.NaN, double.PositiveInfinity, -0.0)))),
        new(
            "bytes",
            """{"type":"record","name":"Blob","fields":[{"name":"empty","type":"bytes"},{"name":"data","type":"bytes"}]}""",
            s => Record(s, ("empty", Array.Empty<byte>()), ("data", new byte[] { 0, 1, 0x7f, 0x80, 0xff }))),
        new(
            "unicode-strings",
            """{"type":"array","items":"string"}""",
            _ => List("", "plain", "é ü ß", "日本語のテキスト", "emoji 😀 outside the BMP", "quote \" and \\ backslash", new string('x', 300))),
        new(
            "nested-records",
            """
            {"type":"record","name":"Order","namespace":"shop.orders","doc":"An order","fields":[
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"customer","type":{"type":"record","name":"Customer","fields":[
                {"name":"name","type":"string"},
                {"name":"address","type":{"type":"record","name":"Address","namespace":"shop.common","fields":[
                  {"name":"city","type":"string"},{"name":"zip","type":["null","string"],"default":null}]}}]}},
              {"name":"items","type":{"type":"array","items":{"type":"record","name":"Line","fields":[
                {"name":"sku","type":"string"},{"name":"quantity","type":"int"}]}}},
              {"name":"billing","type":"shop.common.Address"}]}
            """,
            s =>
            {
                var customer = Field(s, "customer");
                var address = Field(customer, "address");
                var line = ((ArraySchema)Field(s, "items")).ItemSchema;
                return Record(
                    s,
                    ("id", Guid.Parse("5f0c6a3e-8b1d-4c2a-9e7f-0123456789ab")),
                    ("customer", Record(customer, ("name", "Ada"), ("address", Record(address, ("city", "Zürich"), ("zip", "8001"))))),
                    ("items", List(Record(line, ("sku", "A-1"), ("quantity", 2)), Record(line, ("sku", "B-2"), ("quantity", -3)))),
                    ("billing", Record(address, ("city", "Bern"), ("zip", null))));
            }),
        new(
            "recursive-linked-list",
            """{"type":"record","name":"LongList","aliases":["LinkedLongs"],"fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]}""",
            s => Record(s, ("value", 1L), ("next", Record(s, ("value", 2L), ("next", Record(s, ("value", -3L), ("next", null))))))),
        new(
            "nullable-unions-both-branches",
            """
            {"type":"record","name":"Maybe","fields":[
              {"name":"noText","type":["null","string"]},{"name":"text","type":["null","string"]},
              {"name":"noCount","type":["null","long"]},{"name":"count","type":["null","long"]},
              {"name":"textFirst","type":["string","null"]}]}
            """,
            s => Record(s, ("noText", null), ("text", "yes"), ("noCount", null), ("count", 42L), ("textFirst", null))),
        new(
            "multi-branch-union",
            """
            {"type":"array","items":["null","int","long","string","double",
              {"type":"record","name":"a.Point","fields":[{"name":"x","type":"int"}]},
              {"type":"record","name":"b.Point","fields":[{"name":"label","type":"string"}]},
              {"type":"array","items":"int"},{"type":"map","values":"string"}]}
            """,
            s =>
            {
                var branches = (UnionSchema)((ArraySchema)s).ItemSchema;
                return List(
                    null, 7, 7L, "seven", 7.5,
                    Record(branches.Schemas[5], ("x", -1)),
                    Record(branches.Schemas[6], ("label", "b")),
                    List(1, 2),
                    Map(("k", "v")));
            }),
        new(
            "enums",
            """{"type":"array","items":{"type":"enum","name":"Status","namespace":"shop","symbols":["PENDING","PAID","SHIPPED"],"default":"PENDING"}}""",
            s =>
            {
                var status = (EnumSchema)((ArraySchema)s).ItemSchema;
                return List(new GenericEnum(status, "PAID"), new GenericEnum(status, "PENDING"), new GenericEnum(status, "SHIPPED"));
            }),
        new(
            "fixed",
            """{"type":"record","name":"Hashes","fields":[{"name":"md5","type":{"type":"fixed","name":"Md5","size":16}},{"name":"tiny","type":{"type":"fixed","name":"Tiny","size":1}},{"name":"again","type":"Tiny"}]}""",
            s => Record(
                s,
                ("md5", new GenericFixed((FixedSchema)Field(s, "md5"), Convert.FromHexString("d41d8cd98f00b204e9800998ecf8427e"))),
                ("tiny", new GenericFixed((FixedSchema)Field(s, "tiny"), [0xff])),
                ("again", new GenericFixed((FixedSchema)Field(s, "tiny"), [0x00])))),
        new(
            "empty-collections",
            """{"type":"record","name":"Empty","fields":[{"name":"list","type":{"type":"array","items":"string"}},{"name":"map","type":{"type":"map","values":"int"}},{"name":"text","type":"string"},{"name":"nothing","type":{"type":"record","name":"Nothing","fields":[]}}]}""",
            s => Record(s, ("list", List()), ("map", Map()), ("text", ""), ("nothing", Record(Field(s, "nothing"))))),
        new(
            "map-of-records",
            """{"type":"map","values":{"type":"record","name":"Stock","fields":[{"name":"onHand","type":"int"},{"name":"tags","type":{"type":"map","values":"string"}}]}}""",
            s =>
            {
                var stock = ((MapSchema)s).ValueSchema;
                return Map(
                    ("sku-1", Record(stock, ("onHand", 5), ("tags", Map(("color", "red"))))),
                    ("sku-2", Record(stock, ("onHand", 0), ("tags", Map()))),
                    ("ключ", Record(stock, ("onHand", -1), ("tags", Map(("", ""))))));
            }),
        new(
            "decimal-on-bytes",
            """{"type":"array","items":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}}""",
            _ => List(0.00m, 1.27m, 1.28m, -1.28m, -1.29m, -0.01m, -123.45m, 1234567890.12m, -9999999999.99m)),
        new(
            "decimal-on-fixed",
            """{"type":"array","items":{"type":"fixed","name":"Money","size":8,"logicalType":"decimal","precision":18,"scale":4}}""",
            _ => List(0.0000m, 1.5000m, -1.5000m, -0.0001m, 99999999999999.9999m, -99999999999999.9999m)),
        new(
            "uuid",
            """{"type":"array","items":{"type":"string","logicalType":"uuid"}}""",
            _ => List(Guid.Empty, Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"))),
        new(
            "dates",
            """{"type":"array","items":{"type":"int","logicalType":"date"}}""",
            _ => List(new DateOnly(1970, 1, 1), new DateOnly(2024, 2, 29), new DateOnly(1969, 12, 31), new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31))),
        new(
            "timestamps",
            """{"type":"record","name":"Times","fields":[{"name":"millis","type":{"type":"array","items":{"type":"long","logicalType":"timestamp-millis"}}},{"name":"micros","type":{"type":"array","items":{"type":"long","logicalType":"timestamp-micros"}}}]}""",
            s => Record(
                s,
                ("millis", List(Utc("1970-01-01T00:00:00.000"), Utc("2024-02-29T13:45:10.123"), Utc("1969-12-31T23:59:59.999"), Utc("0001-01-01T00:00:00.000"))),
                ("micros", List(Utc("2024-02-29T13:45:10.123456"), Utc("1969-12-31T23:59:59.999999"), Utc("9999-12-31T23:59:59.999999"))))),
        new(
            "times-of-day",
            """{"type":"record","name":"Clock","fields":[{"name":"millis","type":{"type":"int","logicalType":"time-millis"}},{"name":"micros","type":{"type":"long","logicalType":"time-micros"}}]}""",
            s => Record(s, ("millis", new TimeOnly(23, 59, 59, 999)), ("micros", new TimeOnly(13, 45, 10, 123, 456)))),
        new(
            "logical-types-in-nullable-unions",
            """{"type":"record","name":"Row","fields":[{"name":"amount","type":["null",{"type":"bytes","logicalType":"decimal","precision":9,"scale":3}]},{"name":"at","type":["null",{"type":"long","logicalType":"timestamp-micros"}]},{"name":"day","type":["null",{"type":"int","logicalType":"date"}]},{"name":"ref","type":["null",{"type":"string","logicalType":"uuid"}],"default":null}]}""",
            s => Record(s, ("amount", -12.345m), ("at", Utc("2001-09-09T01:46:40.000001")), ("day", null), ("ref", Guid.Parse("a0b1c2d3-e4f5-4a6b-8c9d-0e1f2a3b4c5d")))),
        new(
            "unknown-and-invalid-logical-types-use-the-underlying-type",
            """{"type":"record","name":"Odd","fields":[{"name":"custom","type":{"type":"long","logicalType":"x-custom"}},{"name":"badDecimal","type":{"type":"bytes","logicalType":"decimal","precision":2,"scale":5}},{"name":"dateOnString","type":{"type":"string","logicalType":"date"}}]}""",
            s => Record(s, ("custom", 5L), ("badDecimal", new byte[] { 1, 2 }), ("dateOnString", "2024-01-01"))),
        new(
            "namespaces-and-references",
            """
            {"type":"record","name":"Envelope","namespace":"cdc.legacy.orders","fields":[
              {"name":"before","type":["null",{"type":"record","name":"Value","fields":[{"name":"id","type":"long"},{"name":"state","type":{"type":"enum","name":"State","namespace":"cdc.common","symbols":["A","B"]}}]}],"default":null},
              {"name":"after","type":["null","Value"],"default":null},
              {"name":"previous","type":["null","cdc.common.State"]},
              {"name":"op","type":"string"}]}
            """,
            s =>
            {
                var value = Field(s, "before");
                var state = (EnumSchema)Field(value, "state");
                return Record(
                    s,
                    ("before", null),
                    ("after", Record(value, ("id", 9L), ("state", new GenericEnum(state, "B")))),
                    ("previous", new GenericEnum(state, "A")),
                    ("op", "c"));
            }),
    ];

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    public static AvroCase Get(string name) => Cases.Single(c => c.Name == name);

    public static List<object?> List(params object?[] items) => [.. items];

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) => entries.ToDictionary(e => e.Key, e => e.Value);

    public static GenericRecord Record(Schema schema, params (string Name, object? Value)[] fields)
    {
        var record = new GenericRecord((RecordSchema)schema);
        foreach (var (name, value) in fields)
        {
            record[name] = value;
        }

        return record;
    }

    /// <summary>A field's schema; for a nullable union, its non-null branch.</summary>
    public static Schema Field(Schema record, string name)
    {
        var schema = ((RecordSchema)record)[name].Schema;
        return schema is UnionSchema union ? union.Schemas.Single(b => b.Type != AvroType.Null) : schema;
    }

    public static DateTime Utc(string iso) =>
        DateTime.SpecifyKind(DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind), DateTimeKind.Utc);
}
