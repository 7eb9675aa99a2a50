using CloudScale.BuildingBlocks.Avro;

namespace CloudScale.BuildingBlocks.Tests.Avro;

public sealed class SchemaParseErrorTests
{
    [Theory]
    [InlineData(
        """{"type":"record","name":"Order","fields":[{"name":"items","type":{"type":"array","items":"Itme"}}]}""",
        "invalid schema at Order.items[]: unknown type 'Itme'; a named type must be defined before it is used")]
    [InlineData(
        """{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"c","type":"Customer"}]}""",
        "invalid schema at Order.c: unknown type 'Customer' (looked up as 'shop.Customer'); a named type must be defined before it is used")]
    [InlineData(
        """{"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"id","type":"string"}]}""",
        "invalid schema at Order.id: duplicate field 'id'")]
    [InlineData(
        """{"type":"record","name":"Order","fields":[{"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","1PAID"]}}]}""",
        "invalid schema at Order.status: '1PAID' is not a valid enum symbol (must match [A-Za-z_][A-Za-z0-9_]*)")]
    [InlineData(
        """{"type":"enum","name":"Status","symbols":["NEW","PAID","NEW"]}""",
        "invalid schema at Status: duplicate enum symbol 'NEW'")]
    [InlineData(
        """{"type":"enum","name":"Status","symbols":["NEW","PAID"],"default":"LOST"}""",
        "invalid schema at Status: default 'LOST' is not one of the symbols NEW, PAID")]
    [InlineData(
        """{"type":"record","name":"Order","fields":[{"name":"quantity","type":"int","default":"one"}]}""",
        "invalid schema at Order.quantity: default \"one\" does not fit: expected an integer in int range")]
    [InlineData(
        """{"type":"record","name":"Order","fields":[{"name":"note","type":["null","string"],"default":"none"}]}""",
        "invalid schema at Order.note: default \"none\" does not fit: expected null (a union's default must match its first branch, null)")]
    [InlineData(
        """{"type":"record","name":"Order","fields":[{"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"qty","type":"int"}]}},"default":[{"qty":1},{"qty":"2"}]}]}""",
        "invalid schema at Order.lines[1].qty: default [{\"qty\":1},{\"qty\":\"2\"}] does not fit: expected an integer in int range")]
    [InlineData(
        """{"type":"record","name":"Order","fields":[{"name":"hash","type":{"type":"fixed","name":"H","size":2},"default":"abc"}]}""",
        "invalid schema at Order.hash: default \"abc\" does not fit: expected 2 bytes, got 3")]
    [InlineData("""{"type":"record","name":"Order","fields":[{"name":"id"}]}""", "invalid schema at Order.id: missing 'type'")]
    [InlineData("""{"type":"record","fields":[]}""", "invalid schema: record is missing its 'name'")]
    [InlineData("""{"type":"record","name":"my-order","fields":[]}""", "invalid schema at my-order: 'my-order' is not a valid record name (dot-separated parts matching [A-Za-z_][A-Za-z0-9_]*)")]
    [InlineData("""{"type":"fixed","name":"int","size":4}""", "invalid schema at int: 'int' is a primitive type name and cannot name a fixed")]
    [InlineData(
        """{"type":"record","name":"A","fields":[{"name":"x","type":{"type":"enum","name":"A","symbols":["B"]}}]}""",
        "invalid schema at A.x: 'A' is defined twice; define it once and refer to it by name")]
    [InlineData("""["null",["int","string"]]""", "invalid schema at [branch 1]: a union may not directly contain another union")]
    [InlineData("""["null","string",{"type":"string","logicalType":"uuid"}]""", "invalid schema at [branch 2]: the union already has a string branch; a union may hold each unnamed type once and each name once")]
    [InlineData("""{"type":"fixed","name":"F","size":-1}""", "invalid schema at F: 'size' must be a non-negative integer, got -1")]
    [InlineData("""{"type":"array"}""", "invalid schema: missing 'items'")]
    [InlineData("""{"type":"strnig"}""", "invalid schema: unknown type 'strnig'; a named type must be defined before it is used")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"x","type":"int","order":"up"}]}""", "invalid schema at R.x: order must be ascending, descending or ignore, got 'up'")]
    [InlineData("42", "invalid schema: expected a type name, an object or a union array, got 42")]
    public void Names_the_problem_and_where_it_is(string schemaJson, string expected)
    {
        var error = Assert.Throws<AvroSchemaException>(() => Schema.Parse(schemaJson));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Invalid_json_is_a_schema_error()
    {
        var error = Assert.Throws<AvroSchemaException>(() => Schema.Parse("{\"type\": "));

        Assert.StartsWith("invalid schema: not valid JSON (", error.Message);
    }

    [Fact]
    public void Invalid_logical_types_fall_back_to_the_underlying_type_but_stay_in_the_json()
    {
        var schema = Schema.Parse("""["null",{"type":"bytes","logicalType":"decimal","precision":2,"scale":3},{"type":"long","logicalType":"date"},{"type":"fixed","name":"F","size":2,"logicalType":"decimal","precision":5}]""");

        Assert.All(((UnionSchema)schema).Schemas, branch => Assert.Null(branch.LogicalType));
        Assert.Contains("\"logicalType\":\"decimal\",\"precision\":2,\"scale\":3", schema.ToString());
    }
}
