using CloudScale.BuildingBlocks.Avro;
using static CloudScale.BuildingBlocks.Tests.Avro.AvroCorpus;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>
/// Reading data written with another version of a schema: old reader / new writer and new reader / old
/// writer. Compatible pairs are also read by avsc, which must agree on the result.
/// </summary>
public sealed class SchemaEvolutionTests(AvscOracle avsc) : IClassFixture<AvscOracle>
{
    private const string OrderV1 = """
        {"type":"record","name":"Order","namespace":"shop","fields":[
          {"name":"id","type":"long"},
          {"name":"qty","type":"int"},
          {"name":"status","type":{"type":"enum","name":"Status","symbols":["UNKNOWN","NEW","PAID"],"default":"UNKNOWN"}},
          {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"sku","type":"string"},{"name":"note","type":["null","string"]}]}}},
          {"name":"legacyFlags","type":{"type":"map","values":"boolean"}}]}
        """;

    // qty renamed to quantity (alias) and promoted to long; legacyFlags removed; status gains REFUNDED;
    // currency and discount added with defaults.
    private const string OrderV2 = """
        {"type":"record","name":"Order","namespace":"shop","fields":[
          {"name":"id","type":"long"},
          {"name":"quantity","type":"long","aliases":["qty"]},
          {"name":"status","type":{"type":"enum","name":"Status","symbols":["UNKNOWN","NEW","PAID","REFUNDED"],"default":"UNKNOWN"}},
          {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"sku","type":"string"}]}}},
          {"name":"currency","type":"string","default":"EUR"},
          {"name":"discount","type":["null","double"],"default":null}]}
        """;

    [Fact]
    public void New_reader_reads_old_data_with_alias_promotion_defaults_and_skipped_fields()
    {
        var writer = Schema.Parse(OrderV1);
        var reader = Schema.Parse(OrderV2);
        var line = ((ArraySchema)Field(writer, "lines")).ItemSchema;
        var old = Record(
            writer,
            ("id", 7L),
            ("qty", 3),
            ("status", "PAID"),
            ("lines", List(Record(line, ("sku", "A"), ("note", "gift")), Record(line, ("sku", "B"), ("note", null)))),
            ("legacyFlags", Map(("rush", true))));

        var read = ReadBoth(writer, reader, old);

        var newLine = ((ArraySchema)Field(reader, "lines")).ItemSchema;
        var expected = Record(
            reader,
            ("id", 7L),
            ("quantity", 3L),
            ("status", new GenericEnum((EnumSchema)Field(reader, "status"), "PAID")),
            ("lines", List(Record(newLine, ("sku", "A")), Record(newLine, ("sku", "B")))),
            ("currency", "EUR"),
            ("discount", null));
        Assert.Equal(expected, read);
    }

    [Fact]
    public void Old_reader_cannot_read_new_data_when_a_renamed_field_has_no_default()
    {
        var result = SchemaCompatibility.CheckCanRead(reader: Schema.Parse(OrderV1), writer: Schema.Parse(OrderV2));

        Assert.Equal(
            [
                "Order.lines[].note: the reader's field 'note' (union[null, string]) is missing from the writer's schema and has no default",
                "Order.qty: the reader's field 'qty' (int) is missing from the writer's schema and has no default",
                "Order.legacyFlags: the reader's field 'legacyFlags' (map<boolean>) is missing from the writer's schema and has no default",
            ],
            result.Incompatibilities);
    }

    [Theory]
    [InlineData("int", "3", "long", "3L")]
    [InlineData("int", "-3", "float", "-3f")]
    [InlineData("int", "2147483647", "double", "2147483647d")]
    [InlineData("long", "9007199254740993L", "double", "9007199254740992d")]
    [InlineData("long", "-5L", "float", "-5f")]
    [InlineData("float", "0.1f", "double", "0.10000000149011612d")]
    [InlineData("string", "\"héllo\"", "bytes", "0x68c3a96c6c6f")]
    [InlineData("bytes", "0x68c3a96c6c6f", "string", "\"héllo\"")]
    public void Promotes_numbers_and_converts_between_string_and_bytes(string writerType, string writtenText, string readerType, string expectedText)
    {
        var writer = Schema.Parse($$"""{"type":"record","name":"P","fields":[{"name":"v","type":"{{writerType}}"}]}""");
        var reader = Schema.Parse($$"""{"type":"record","name":"P","fields":[{"name":"v","type":"{{readerType}}"}]}""");

        var read = (GenericRecord)ReadBoth(writer, reader, Record(writer, ("v", Literal(writtenText))))!;

        Assert.Equal(Literal(expectedText), read["v"]);
    }

    [Fact]
    public void Writer_symbol_unknown_to_the_reader_reads_as_the_reader_enum_default()
    {
        var writer = Schema.Parse("""{"type":"enum","name":"Status","symbols":["NEW","PAID","REFUNDED"]}""");
        var reader = Schema.Parse("""{"type":"enum","name":"Status","symbols":["UNKNOWN","NEW","PAID"],"default":"UNKNOWN"}""");

        var read = ReadBoth(writer, reader, "REFUNDED");

        Assert.Equal(new GenericEnum((EnumSchema)reader, "UNKNOWN"), read);
        Assert.True(SchemaCompatibility.CheckCanRead(reader, writer).IsCompatible);
    }

    [Fact]
    public void Record_renamed_with_an_alias_reads_the_old_name()
    {
        var writer = Schema.Parse("""{"type":"record","name":"old.Customer","fields":[{"name":"name","type":"string"}]}""");
        var reader = Schema.Parse("""{"type":"record","name":"Client","namespace":"crm","aliases":["old.Customer"],"fields":[{"name":"name","type":"string"}]}""");

        var read = (GenericRecord)AvroSerializer.Read(writer, reader, AvroSerializer.Serialize(writer, Record(writer, ("name", "Ada"))))!;

        Assert.Equal("crm.Client", read.Schema.FullName);
        Assert.Equal("Ada", read["name"]);
    }

    [Fact]
    public void Plain_value_reads_into_the_first_matching_branch_of_a_reader_union_promotions_included()
    {
        var plainInt = Schema.Parse("\"int\"");

        Assert.Equal(5L, ReadBoth(plainInt, Schema.Parse("""["null","string","long"]"""), 5));
        Assert.Equal(5L, ReadBoth(plainInt, Schema.Parse("""["null","long","int"]"""), 5));
        Assert.Equal(5, ReadBoth(plainInt, Schema.Parse("""["null","int","long"]"""), 5));
    }

    [Fact]
    public void Named_writer_type_reads_into_the_reader_branch_with_its_exact_fullname()
    {
        var writer = Schema.Parse("""{"type":"record","name":"a.Point","fields":[{"name":"x","type":"int"}]}""");
        var reader = Schema.Parse("""[{"type":"record","name":"b.Point","fields":[{"name":"x","type":"int"}]},{"type":"record","name":"a.Point","fields":[{"name":"x","type":"long"}]}]""");

        var read = (GenericRecord)ReadBoth(writer, reader, Record(writer, ("x", 1)))!;

        Assert.Equal("a.Point", read.Schema.FullName);
        Assert.Equal(1L, read["x"]);
    }

    [Fact]
    public void Added_field_without_default_is_incompatible_and_the_reader_refuses_to_build()
    {
        var writer = Schema.Parse("""{"type":"record","name":"Order","fields":[{"name":"id","type":"long"}]}""");
        var reader = Schema.Parse("""{"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"currency","type":"string"}]}""");

        var result = SchemaCompatibility.CheckCanRead(reader, writer);
        var error = Assert.Throws<AvroResolutionException>(() => new AvroDatumReader(writer, reader));

        Assert.Equal(["Order.currency: the reader's field 'currency' (string) is missing from the writer's schema and has no default"], result.Incompatibilities);
        Assert.Contains(result.Incompatibilities[0], error.Message);
        Assert.False(avsc.CanResolve(writer.ToString(), reader.ToString()));
    }

    [Fact]
    public void String_written_where_the_reader_wants_int_is_incompatible()
    {
        var writer = Schema.Parse("""{"type":"record","name":"Line","fields":[{"name":"qty","type":"string"}]}""");
        var reader = Schema.Parse("""{"type":"record","name":"Line","fields":[{"name":"qty","type":"int"}]}""");

        var result = SchemaCompatibility.CheckCanRead(reader, writer);

        Assert.Equal(["Line.qty: the writer's string cannot be read as the reader's int"], result.Incompatibilities);
        Assert.Throws<AvroResolutionException>(() => new AvroDatumReader(writer, reader));
        Assert.False(avsc.CanResolve(writer.ToString(), reader.ToString()));
    }

    [Fact]
    public void Removed_enum_symbol_without_default_is_incompatible_and_fails_only_for_that_symbol()
    {
        var writer = Schema.Parse("""{"type":"enum","name":"Status","symbols":["NEW","PAID","REFUNDED"]}""");
        var reader = Schema.Parse("""{"type":"enum","name":"Status","symbols":["NEW","PAID"]}""");
        var datumReader = new AvroDatumReader(writer, reader);

        var result = SchemaCompatibility.CheckCanRead(reader, writer);

        Assert.Equal(["Status: the writer's symbols REFUNDED are not in the reader's enum Status, which has no default"], result.Incompatibilities);
        Assert.Equal(new GenericEnum((EnumSchema)reader, "PAID"), datumReader.Read(AvroSerializer.Serialize(writer, "PAID")));
        var error = Assert.Throws<AvroResolutionException>(() => datumReader.Read(AvroSerializer.Serialize(writer, "REFUNDED")));
        Assert.Equal("Status: the writer's symbol 'REFUNDED' is not in the reader's enum Status, which has no default", error.Message);
    }

    [Fact]
    public void Writer_union_branch_the_reader_cannot_take_is_incompatible_and_fails_only_for_that_branch()
    {
        var writer = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"note","type":["null","string"]}]}""");
        var reader = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"note","type":"string"}]}""");
        var datumReader = new AvroDatumReader(writer, reader);

        var result = SchemaCompatibility.CheckCanRead(reader, writer);

        Assert.Equal(["R.note: the writer's null cannot be read as the reader's string"], result.Incompatibilities);
        Assert.Equal("x", ((GenericRecord)datumReader.Read(AvroSerializer.Serialize(writer, Record(writer, ("note", "x"))))!)["note"]);
        Assert.Throws<AvroResolutionException>(() => datumReader.Read(AvroSerializer.Serialize(writer, Record(writer, ("note", null)))));
    }

    [Theory]
    [InlineData(
        """{"type":"fixed","name":"Hash","size":16}""",
        """{"type":"fixed","name":"Hash","size":32}""",
        "Hash: fixed Hash has 16 bytes in the writer's schema but 32 in the reader's")]
    [InlineData(
        """{"type":"record","name":"a.Customer","fields":[]}""",
        """{"type":"record","name":"b.Client","fields":[]}""",
        "Client: the writer's record a.Customer does not match the reader's record b.Client (unqualified names differ and no reader alias names a.Customer)")]
    [InlineData(
        """{"type":"bytes","logicalType":"decimal","precision":10,"scale":3}""",
        """{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}""",
        "bytes: the writer's decimal(10,3) does not match the reader's decimal(10,2): precision and scale must be equal")]
    [InlineData(
        """{"type":"array","items":"long"}""",
        """{"type":"array","items":"int"}""",
        "array[]: the writer's long cannot be read as the reader's int")]
    [InlineData(
        "\"string\"",
        """["null","int"]""",
        "union: the writer's string matches no branch of the reader's union[null, int]")]
    public void Incompatible_pairs_are_reported_with_where_and_why(string writerJson, string readerJson, string expected)
    {
        var writer = Schema.Parse(writerJson);
        var reader = Schema.Parse(readerJson);

        var result = SchemaCompatibility.CheckCanRead(reader, writer);

        Assert.Equal([expected], result.Incompatibilities);
        Assert.Throws<AvroResolutionException>(() => new AvroDatumReader(writer, reader));
    }

    [Fact]
    public void Compatibility_holds_both_ways_for_an_optional_field_added_with_a_default()
    {
        var v1 = Schema.Parse("""{"type":"record","name":"E","fields":[{"name":"id","type":"string"}]}""");
        var v2 = Schema.Parse("""{"type":"record","name":"E","fields":[{"name":"id","type":"string"},{"name":"traceparent","type":["null","string"],"default":null}]}""");

        Assert.True(SchemaCompatibility.CheckCanRead(reader: v2, writer: v1).IsCompatible);
        Assert.True(SchemaCompatibility.CheckCanRead(reader: v1, writer: v2).IsCompatible);
        Assert.True(SchemaCompatibility.CheckCanRead(reader: v2, writer: v2).IsCompatible);
    }

    [Fact]
    public void Recursive_schemas_resolve_and_read()
    {
        var writer = Schema.Parse("""{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}""");
        var reader = Schema.Parse("""{"type":"record","name":"Node","fields":[{"name":"v","type":"long"},{"name":"next","type":["null","Node"]},{"name":"tag","type":"string","default":"t"}]}""");
        var list = Record(writer, ("v", 1), ("next", Record(writer, ("v", 2), ("next", null))));

        var read = (GenericRecord)ReadBoth(writer, reader, list)!;

        Assert.Equal(2L, ((GenericRecord)read["next"]!)["v"]);
        Assert.Equal("t", ((GenericRecord)read["next"]!)["tag"]);
    }

    /// <summary>Reads with resolution here and in avsc; both must give the same value.</summary>
    private object? ReadBoth(Schema writer, Schema reader, object? value)
    {
        var bytes = AvroSerializer.Serialize(writer, value);

        var ours = new AvroDatumReader(writer, reader).Read(bytes);

        var theirs = avsc.Decode(writer.ToString(), Convert.ToHexStringLower(bytes), reader.ToString());
        var expected = OracleJson.From(reader, ours);
        Assert.True(OracleJson.Same(expected, theirs), $"avsc read {theirs?.ToJsonString()}, we read {expected?.ToJsonString()}");
        Assert.True(SchemaCompatibility.CheckCanRead(reader, writer).IsCompatible);
        return ours;
    }

    /// <summary>Test literals: 3L long, 3f float, 3d double, "s" string, 0x hex bytes, otherwise int.</summary>
    private static object Literal(string text) => text switch
    {
        _ when text.StartsWith('"') => text.Trim('"'),
        _ when text.StartsWith("0x", StringComparison.Ordinal) => Convert.FromHexString(text[2..]),
        _ when text.EndsWith('L') => long.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture),
        _ when text.EndsWith('f') => float.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture),
        _ when text.EndsWith('d') => double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture),
        _ => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
    };
}
