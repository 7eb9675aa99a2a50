using System.Text.Json;
using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.BuildingBlocks.Tests.Avro;

/// <summary>The parsed model and the full JSON form: what registries store and Debezium consumers read.</summary>
public sealed class SchemaJsonTests
{
    private const string Envelope = """
        {"type":"record","name":"Envelope","namespace":"cloudscale.legacy.orders","connect.name":"cloudscale.legacy.orders.Envelope","fields":[
          {"name":"after","type":["null",{"type":"record","name":"Value","doc":"a row","aliases":["Row"],"fields":[
            {"name":"id","type":{"type":"string","logicalType":"uuid"}},
            {"name":"total","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2,"connect.name":"org.apache.kafka.connect.data.Decimal","connect.parameters":{"scale":"2"}}},
            {"name":"created","type":{"type":"long","connect.name":"io.debezium.time.MicroTimestamp","connect.version":1}},
            {"name":"status","type":{"type":"enum","name":"Status","namespace":"cloudscale.common","symbols":["NEW","PAID"],"default":"NEW"},"default":"NEW","order":"descending","aliases":["state"]}]}],"default":null},
          {"name":"source","type":{"type":"record","name":"Source","namespace":"io.debezium.connector.postgresql","fields":[{"name":"lsn","type":["null","long"],"default":null}]}},
          {"name":"before","type":["null","Value"],"default":null}]}
        """;

    [Fact]
    public void Full_json_keeps_docs_defaults_aliases_logical_types_and_custom_attributes()
    {
        var schema = Schema.Parse(Envelope);

        using var json = JsonDocument.Parse(schema.ToString());

        var root = json.RootElement;
        Assert.Equal("cloudscale.legacy.orders.Envelope", root.GetProperty("connect.name").GetString());
        var value = root.GetProperty("fields")[0].GetProperty("type")[1];
        Assert.Equal("a row", value.GetProperty("doc").GetString());
        Assert.Equal("cloudscale.legacy.orders.Row", value.GetProperty("aliases")[0].GetString());
        var total = value.GetProperty("fields")[1].GetProperty("type");
        Assert.Equal("decimal", total.GetProperty("logicalType").GetString());
        Assert.Equal("2", total.GetProperty("connect.parameters").GetProperty("scale").GetString());
        var status = value.GetProperty("fields")[3];
        Assert.Equal("NEW", status.GetProperty("default").GetString());
        Assert.Equal("descending", status.GetProperty("order").GetString());
        Assert.Equal("cloudscale.common", status.GetProperty("type").GetProperty("namespace").GetString());
        Assert.Equal("io.debezium.connector.postgresql", root.GetProperty("fields")[1].GetProperty("type").GetProperty("namespace").GetString());
        Assert.Equal("Value", root.GetProperty("fields")[2].GetProperty("type")[1].GetString());
    }

    [Fact]
    public void Model_exposes_fullnames_fields_logical_types_and_properties()
    {
        var envelope = (RecordSchema)Schema.Parse(Envelope);
        var value = (RecordSchema)((UnionSchema)envelope["after"].Schema).Schemas[1];

        Assert.Equal("cloudscale.legacy.orders.Value", value.FullName);
        Assert.Same(value, ((UnionSchema)envelope["before"].Schema).Schemas[1]);
        Assert.Equal(new[] { "id", "total", "created", "status" }, value.Fields.Select(f => f.Name));
        Assert.Equal(LogicalTypeKind.Uuid, value["id"].Schema.LogicalType!.Kind);
        Assert.Equal((10, 2), (value["total"].Schema.LogicalType!.Precision, value["total"].Schema.LogicalType!.Scale));
        Assert.Null(value["created"].Schema.LogicalType);
        Assert.Equal("io.debezium.time.MicroTimestamp", value["created"].Schema.Properties["connect.name"].GetString());
        Assert.Equal(SortOrder.Descending, value["status"].Order);
        Assert.Equal("cloudscale.common.Status", ((EnumSchema)value["status"].Schema).FullName);
        Assert.Null(envelope["after"].CreateDefault());
        Assert.Equal(3, value["status"].Position);
    }

    [Fact]
    public void Equal_canonical_forms_mean_equal_fingerprints_whatever_the_formatting()
    {
        var compact = Schema.Parse("""{"type":"record","name":"a.R","fields":[{"name":"x","type":{"type":"array","items":"int"}}]}""");
        var verbose = Schema.Parse("""
            {
              "namespace": "a", "name": "R", "type": "record", "doc": "documented",
              "fields": [ { "type": { "items": { "type": "int" }, "type": "array" }, "name": "x", "default": [] } ]
            }
            """);

        Assert.Equal(compact.ToCanonicalForm(), verbose.ToCanonicalForm());
        Assert.Equal(compact.Fingerprint64, verbose.Fingerprint64);
        Assert.NotEqual(compact.ToString(), verbose.ToString());
    }
}
