using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>
/// Parsing Canonical Form and CRC-64-AVRO against the vectors Apache Avro publishes with the specification
/// (share/test/data/schema-tests.txt); avsc has no CRC-64-AVRO, its MD5 is compared in AvscInteropTests.
/// </summary>
public sealed class CanonicalFormTests
{
    [Theory]
    [InlineData("\"null\"", "\"null\"", 7195948357588979594)]
    [InlineData("""{"type":"null"}""", "\"null\"", 7195948357588979594)]
    [InlineData("\"boolean\"", "\"boolean\"", -6970731678124411036)]
    [InlineData("\"int\"", "\"int\"", 8247732601305521295)]
    [InlineData("""{"type":"int"}""", "\"int\"", 8247732601305521295)]
    [InlineData("\"long\"", "\"long\"", -3434872931120570953)]
    [InlineData("\"float\"", "\"float\"", 5583340709985441680)]
    [InlineData("\"double\"", "\"double\"", -8181574048448539266)]
    [InlineData("\"bytes\"", "\"bytes\"", 5746618253357095269)]
    [InlineData("\"string\"", "\"string\"", -8142146995180207161)]
    [InlineData("[  ]", "[]", -1241056759729112623)]
    [InlineData("[ \"int\"  ]", "[\"int\"]", -5232228896498058493)]
    [InlineData("[ \"int\" , {\"type\":\"boolean\"} ]", "[\"int\",\"boolean\"]", 5392556393470105090)]
    [InlineData("""{"fields":[], "type":"record", "name":"foo"}""", """{"name":"foo","type":"record","fields":[]}""", -4824392279771201922)]
    [InlineData("""{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}""", """{"name":"x.y.foo","type":"record","fields":[]}""", 5916914534497305771)]
    [InlineData("""{"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"}""", """{"name":"a.b.foo","type":"record","fields":[]}""", -4616218487480524110)]
    [InlineData("""{"fields":[], "type":"record", "name":"foo", "doc":"foo", "aliases":["foo","bar"]}""", """{"name":"foo","type":"record","fields":[]}""", -4824392279771201922)]
    [InlineData("""{"fields":[{"type":{"type":"boolean"}, "name":"f1"}], "type":"record", "name":"foo"}""", """{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]}""", 7843277075252814651)]
    [InlineData(
        """{ "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":true}, {"order":"descending","name":"f2","doc":"Hello","type":"int"}], "type":"record", "name":"foo"}""",
        """{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}""",
        -4860222112080293046)]
    [InlineData("""{"type":"enum", "name":"foo", "symbols":["A1"]}""", """{"name":"foo","type":"enum","symbols":["A1"]}""", -6342190197741309591)]
    [InlineData("""{"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]}""", """{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}""", -4448647247586288245)]
    [InlineData("""{"name":"foo","type":"fixed","size":15}""", """{"name":"foo","type":"fixed","size":15}""", 1756455273707447556)]
    [InlineData("""{"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32}""", """{"name":"x.y.z.foo","type":"fixed","size":32}""", -3064184465700546786)]
    [InlineData("""{ "items":{"type":"null"}, "type":"array"}""", """{"type":"array","items":"null"}""", -589620603366471059)]
    [InlineData("""{ "values":"string", "type":"map"}""", """{"type":"map","values":"string"}""", -8732877298790414990)]
    [InlineData(
        """{"name":"PigValue","type":"record", "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}""",
        """{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}""",
        -1759257747318642341)]
    public void Canonical_form_and_fingerprint_match_the_specification_vectors(string schemaJson, string canonical, long fingerprint)
    {
        var schema = Schema.Parse(schemaJson);

        Assert.Equal(canonical, schema.ToCanonicalForm());
        Assert.Equal(fingerprint, schema.Fingerprint64);
    }

    [Fact]
    public void Logical_types_defaults_and_custom_attributes_do_not_change_the_canonical_form()
    {
        var annotated = Schema.Parse("""
            {"type":"record","name":"Row","namespace":"cdc","connect.name":"cdc.Row","fields":[
              {"name":"at","type":{"type":"long","logicalType":"timestamp-micros","connect.version":1},"default":0,"doc":"when"},
              {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}
            """);
        var plain = Schema.Parse("""{"type":"record","name":"cdc.Row","fields":[{"name":"at","type":"long"},{"name":"amount","type":"bytes"}]}""");

        Assert.Equal("""{"name":"cdc.Row","type":"record","fields":[{"name":"at","type":"long"},{"name":"amount","type":"bytes"}]}""", annotated.ToCanonicalForm());
        Assert.Equal(plain.Fingerprint64, annotated.Fingerprint64);
    }

    [Fact]
    public void Quoted_fixed_size_and_escaped_names_are_normalised()
    {
        var schema = Schema.Parse("""{"type":"fixed","name":"\u0046oo","size":"016"}""");

        Assert.Equal("""{"name":"Foo","type":"fixed","size":16}""", schema.ToCanonicalForm());
    }
}
