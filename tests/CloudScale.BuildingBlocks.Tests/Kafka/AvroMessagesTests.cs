using System.Net;
using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.SchemaRegistry;
using CloudScale.BuildingBlocks.SchemaRegistry.Serdes;
using CloudScale.BuildingBlocks.Tests.SchemaRegistry;
using Confluent.Kafka;

namespace CloudScale.BuildingBlocks.Tests.Kafka;

/// <summary>Which decoding failures make a message poison (dead-lettered) and which are retried.</summary>
public sealed class AvroMessagesTests
{
    private const int SchemaId = 42;

    private static readonly RecordSchema Order = (RecordSchema)Schema.Parse("""
        {"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"totalCents","type":"long"}]}
        """);

    // A reader that needs a field the writer never wrote and has no default for it.
    private static readonly Schema OrderWithCurrency = Schema.Parse("""
        {"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"currency","type":"string"}]}
        """);

    [Fact]
    public async Task A_tombstone_is_a_null_record_not_poison()
    {
        var registry = new StubRegistryHandler(_ => StubRegistryHandler.Schema(Order.ToString()));

        var record = await AvroMessages.ValueAsync(new AvroDeserializer<GenericRecord>(StubRegistryHandler.ClientOf(registry)), Delivery(null));

        Assert.Null(record);
        Assert.Equal(0, registry.Requests);
    }

    [Fact]
    public async Task A_schema_id_the_registry_answers_is_unknown_with_40403_makes_the_message_poison()
    {
        var registry = new StubRegistryHandler(_ => StubRegistryHandler.Error(HttpStatusCode.NotFound, 40403, "Schema 42 not found"));

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() =>
            AvroMessages.ValueAsync(new AvroDeserializer<GenericRecord>(StubRegistryHandler.ClientOf(registry)), Delivery(Framed(OrderBody()))));

        Assert.Contains("unknown to the registry", poison.Message);
    }

    public static TheoryData<string> RegistryFailures => ["connection refused", "html 404", "503"];

    [Theory]
    [MemberData(nameof(RegistryFailures))]
    public async Task Any_other_registry_failure_is_retried_and_the_next_attempt_decodes_once_the_registry_answers(string failure)
    {
        var registry = new StubRegistryHandler(number => number > 1 ? StubRegistryHandler.Schema(Order.ToString()) : failure switch
        {
            "connection refused" => throw StubRegistryHandler.ConnectionRefused(),
            "html 404" => StubRegistryHandler.HtmlNotFound(),
            _ => StubRegistryHandler.Error(HttpStatusCode.ServiceUnavailable, 50003, "backend unavailable"),
        });
        var deserializer = new AvroDeserializer<GenericRecord>(StubRegistryHandler.ClientOf(registry));
        var delivery = Delivery(Framed(OrderBody()));

        var error = await Record.ExceptionAsync(() => AvroMessages.ValueAsync(deserializer, delivery));
        var record = await AvroMessages.ValueAsync(deserializer, delivery);

        Assert.NotNull(error);
        Assert.IsNotType<PoisonMessageException>(error);
        Assert.Equal(1999L, record?["totalCents"]);
        Assert.Equal(2, registry.Requests);
    }

    [Fact]
    public async Task A_reader_schema_that_cannot_read_the_writers_is_retried_not_poison()
    {
        var registry = new StubRegistryHandler(_ => StubRegistryHandler.Schema(Order.ToString()));
        var deserializer = new AvroDeserializer<GenericRecord>(StubRegistryHandler.ClientOf(registry), OrderWithCurrency);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AvroMessages.ValueAsync(deserializer, Delivery(Framed(OrderBody()))));

        Assert.Contains($"schema id {SchemaId}", error.Message);
        Assert.Contains("retried, not dead-lettered", error.Message);
        Assert.IsType<AvroResolutionException>(error.InnerException);
    }

    [Fact]
    public async Task A_body_that_does_not_decode_with_its_writers_schema_is_poison()
    {
        var registry = new StubRegistryHandler(_ => StubRegistryHandler.Schema(Order.ToString()));
        var truncated = OrderBody()[..^1];

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() =>
            AvroMessages.ValueAsync(new AvroDeserializer<GenericRecord>(StubRegistryHandler.ClientOf(registry)), Delivery(Framed(truncated))));

        Assert.Contains("does not decode", poison.Message);
        Assert.IsType<AvroDecodeException>(poison.InnerException);
    }

    private static byte[] OrderBody() => BuildingBlocks.Avro.AvroSerializer.Serialize(Order, new GenericRecord(Order) { { "id", "order-1" }, { "totalCents", 1999L } });

    private static byte[] Framed(byte[] body) => ConfluentWireFormat.Frame(SchemaId, body);

    private static ConsumeResult<byte[], byte[]> Delivery(byte[]? value) => new()
    {
        Topic = "orders",
        Partition = 0,
        Offset = 7,
        Message = new Message<byte[], byte[]> { Key = "order-1"u8.ToArray(), Value = value!, Headers = [] },
    };
}
