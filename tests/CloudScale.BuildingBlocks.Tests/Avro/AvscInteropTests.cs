using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>Byte-for-byte agreement with npm's avsc, in both directions, over <see cref="AvroCorpus"/>.</summary>
public sealed class AvscInteropTests(AvscOracle avsc) : IClassFixture<AvscOracle>
{
    [Theory]
    [MemberData(nameof(AvroCorpus.Names), MemberType = typeof(AvroCorpus))]
    public void Encodes_the_same_bytes_as_avsc(string name)
    {
        var (schemaJson, schema, value) = Load(name);

        var ours = Convert.ToHexStringLower(AvroSerializer.Serialize(schema, value));

        Assert.Equal(avsc.Encode(schemaJson, OracleJson.From(schema, value)), ours);
    }

    [Theory]
    [MemberData(nameof(AvroCorpus.Names), MemberType = typeof(AvroCorpus))]
    public void Decodes_bytes_written_by_avsc_to_the_expected_value(string name)
    {
        var (schemaJson, schema, value) = Load(name);
        var hex = avsc.Encode(schemaJson, OracleJson.From(schema, value));

        var decoded = AvroSerializer.Read(schema, Convert.FromHexString(hex));

        Assert.True(AvroValueComparer.Instance.Equals(value, decoded), $"expected {AvroValueComparer.Format(value)}\n     got {AvroValueComparer.Format(decoded)}");
    }

    [Theory]
    [MemberData(nameof(AvroCorpus.Names), MemberType = typeof(AvroCorpus))]
    public void Avsc_decodes_our_bytes_to_the_expected_value(string name)
    {
        var (schemaJson, schema, value) = Load(name);

        var decoded = avsc.Decode(schemaJson, Convert.ToHexStringLower(AvroSerializer.Serialize(schema, value)));

        var expected = OracleJson.From(schema, value);
        Assert.True(OracleJson.Same(expected, decoded), $"expected {expected?.ToJsonString()}\n     got {decoded?.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(AvroCorpus.Names), MemberType = typeof(AvroCorpus))]
    public void Canonical_form_matches_avsc(string name)
    {
        var (schemaJson, schema, _) = Load(name);

        var (canonical, md5) = avsc.Canonical(schemaJson);

        Assert.Equal(canonical, schema.ToCanonicalForm());
        Assert.Equal(md5, Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()))));
    }

    [Theory]
    [MemberData(nameof(AvroCorpus.Names), MemberType = typeof(AvroCorpus))]
    public void Full_json_form_parses_back_to_the_same_schema(string name)
    {
        var schema = Schema.Parse(AvroCorpus.Get(name).Schema);

        var reparsed = Schema.Parse(schema.ToString());

        Assert.Equal(schema.ToString(), reparsed.ToString());
        Assert.Equal(schema.ToCanonicalForm(), reparsed.ToCanonicalForm());
    }

    [Theory]
    [InlineData("0604060100", "[2,3,-1]", "one block of 3 items")]
    [InlineData("03040406050602050801020200", "[2,3,1,-3,4,1]", "three blocks with negative counts and byte sizes")]
    [InlineData("020402040204020400", "[2,2,2,2]", "one item per block")]
    public void Multi_block_arrays_decode_like_avsc(string hex, string expectedJson, string description)
    {
        const string schemaJson = """{"type":"array","items":"int"}""";
        var ours = AvroSerializer.Read(Schema.Parse(schemaJson), Convert.FromHexString(hex));

        var expected = JsonNode.Parse(expectedJson)!.AsArray().Select(n => (object?)n!.GetValue<int>()).ToList();
        Assert.True(AvroValueComparer.Instance.Equals(expected, ours), $"{description}: got {AvroValueComparer.Format(ours)}");
        Assert.True(OracleJson.Same(JsonNode.Parse(expectedJson), avsc.Decode(schemaJson, hex)), description);
    }

    [Fact]
    public void Multi_block_maps_decode_like_avsc()
    {
        const string schemaJson = """{"type":"map","values":"string"}""";

        // Block of 1 entry with its byte size (a -> "x"), then a plain block of 1 (b -> "y"), then the end.
        const string hex = "010802610278020262027900";

        var ours = AvroSerializer.Read(Schema.Parse(schemaJson), Convert.FromHexString(hex));

        Assert.True(AvroValueComparer.Instance.Equals(AvroCorpus.Map(("a", "x"), ("b", "y")), ours), AvroValueComparer.Format(ours));
        Assert.True(OracleJson.Same(JsonNode.Parse("""{"$map":{"a":"x","b":"y"}}"""), avsc.Decode(schemaJson, hex)));
    }

    [Fact]
    public void Unset_fields_are_written_as_their_defaults_like_avsc_does()
    {
        var schema = (RecordSchema)Schema.Parse("""
            {"type":"record","name":"Defaults","fields":[
              {"name":"id","type":"int"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"tags","type":{"type":"array","items":"string"},"default":["a","b"]},
              {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":5,"scale":2},"default":"\u0001\u0000"},
              {"name":"status","type":{"type":"enum","name":"S","symbols":["X","Y"]},"default":"Y"},
              {"name":"raw","type":{"type":"fixed","name":"Two","size":2},"default":"\u00ff\u0000"}]}
            """);
        var partial = new GenericRecord(schema) { { "id", 1 } };

        var bytes = AvroSerializer.Serialize(schema, partial);

        Assert.Equal(avsc.Encode(schema.ToString(), OracleJson.From(schema, partial)), Convert.ToHexStringLower(bytes));
        var decoded = (GenericRecord)AvroSerializer.Read(schema, bytes)!;
        Assert.Null(decoded["note"]);
        Assert.Equal(AvroCorpus.List("a", "b"), (List<object?>)decoded["tags"]!);
        Assert.Equal(2.56m, decoded["price"]);
        Assert.Equal("Y", ((GenericEnum)decoded["status"]!).Symbol);
        Assert.Equal(new byte[] { 0xff, 0 }, ((GenericFixed)decoded["raw"]!).Value);
    }

    // avsc gets the corpus's own JSON, never our re-serialisation: a schema we misread and then wrote back out
    // faithfully would otherwise be agreed with.
    private static (string SchemaJson, Schema Schema, object? Value) Load(string name)
    {
        var avroCase = AvroCorpus.Get(name);
        var schema = Schema.Parse(avroCase.Schema);
        return (avroCase.Schema, schema, avroCase.Value(schema));
    }
}
