using System.Collections.Concurrent;
using System.Text;
using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.SchemaRegistry;
using CloudScale.BuildingBlocks.SchemaRegistry.Serdes;
using CloudScale.BuildingBlocks.Tests.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudScale.BuildingBlocks.Tests.SchemaRegistry;

/// <summary>Avro records through the real dev broker with the registry stand-in, as services will send them.</summary>
public sealed class AvroOverKafkaTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly RecordSchema OrderCreatedV1 = (RecordSchema)Schema.Parse("""
        {"type":"record","name":"OrderCreated","namespace":"checkout.v1","fields":[
          {"name":"orderId","type":{"type":"string","logicalType":"uuid"}},
          {"name":"totalCents","type":"long"},
          {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[
            {"name":"productId","type":{"type":"string","logicalType":"uuid"}},{"name":"quantity","type":"int"}]}}}]}
        """);

    // A consumer a release ahead: it expects a currency and defaults it for data written before the field existed.
    private static readonly RecordSchema OrderCreatedV2 = (RecordSchema)Schema.Parse("""
        {"type":"record","name":"OrderCreated","namespace":"checkout.v1","fields":[
          {"name":"orderId","type":{"type":"string","logicalType":"uuid"}},
          {"name":"totalCents","type":"long"},
          {"name":"currency","type":"string","default":"USD"},
          {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[
            {"name":"productId","type":{"type":"string","logicalType":"uuid"}},{"name":"quantity","type":"int"}]}}}]}
        """);

    [Fact]
    public async Task A_record_serialised_with_its_registered_schema_is_read_back_by_an_old_and_a_new_reader()
    {
        var topic = KafkaTestBroker.NewTopic("avro");
        var client = new CachedSchemaRegistryClient(registry.Http);
        var order = Order();

        var value = await new AvroSerializer<GenericRecord>(client).SerializeAsync(order, new SerializationContext(MessageComponentType.Value, topic));
        await KafkaTestBroker.ProduceAsync(topic, [KafkaMessage.Create("order-1"u8.ToArray(), value)]);
        var delivered = Assert.Single(KafkaTestBroker.ReadAll(topic, 1));

        Assert.Equal(ConfluentWireFormat.MagicByte, delivered.Message.Value[0]);
        var registered = await client.GetLatestSchemaAsync(SubjectNames.ForValue(topic));
        Assert.Equal(registered.Id, ConfluentWireFormat.Unframe(delivered.Message.Value).SchemaId);
        var asWritten = await AvroMessages.ValueAsync(new AvroDeserializer<GenericRecord>(client), delivered);
        var asNewReader = await AvroMessages.ValueAsync(new AvroDeserializer<GenericRecord>(new CachedSchemaRegistryClient(registry.Http), OrderCreatedV2), delivered);
        Assert.True(AvroValueComparer.Instance.Equals(order, asWritten), AvroValueComparer.Format(asWritten));
        Assert.Equal("USD", asNewReader?["currency"]);
        Assert.Equal(order["totalCents"], asNewReader?["totalCents"]);
    }

    [Fact]
    public async Task Undecodable_messages_go_to_the_dead_letter_topic_with_the_reason_and_the_next_good_one_is_handled()
    {
        var topic = KafkaTestBroker.NewTopic("avro-poison");
        var client = new CachedSchemaRegistryClient(registry.Http);
        var good = await new AvroSerializer<GenericRecord>(client).SerializeAsync(Order(), new SerializationContext(MessageComponentType.Value, topic));
        var wrongMagic = (byte[])good.Clone();
        wrongMagic[0] = 7;
        var unknownSchema = ConfluentWireFormat.Frame(987654, good.AsSpan(ConfluentWireFormat.HeaderLength));
        await KafkaTestBroker.ProduceAsync(topic,
        [
            KafkaMessage.Create("k"u8.ToArray(), wrongMagic),
            KafkaMessage.Create("k"u8.ToArray(), unknownSchema),
            KafkaMessage.Create("k"u8.ToArray(), good),
        ]);
        var deserializer = new AvroDeserializer<GenericRecord>(client);
        // Written by the worker's thread while the test polls it.
        var decoded = new ConcurrentQueue<GenericRecord?>();
        var handler = new RecordingHandler(async (message, _) => decoded.Enqueue(await AvroMessages.ValueAsync(deserializer, message)));
        var settings = new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("avro-poison"));

        await using (await RunningWorker.StartAsync(settings, handler, NullLogger<KafkaConsumerWorker>.Instance))
        {
            await KafkaTestBroker.EventuallyAsync(() => decoded.Count == 1, "handling the good message");
        }

        var dead = KafkaTestBroker.ReadAll(settings.DeadLetterTopic, 2).Select(d => d.Message.Headers.GetHeader(KafkaDeadLetter.ReasonHeader)).ToList();
        Assert.Equal(2, dead.Count);
        Assert.Contains("magic byte 7", dead[0]);
        Assert.Contains("unknown to the registry", dead[1]);
        Assert.Equal(1999L, decoded.Single()?["totalCents"]);
    }

    [Theory]
    [InlineData("connection refused")]
    [InlineData("html 404")]
    public async Task A_registry_failing_once_delays_a_message_without_dead_lettering_it(string failure)
    {
        var topic = KafkaTestBroker.NewTopic("avro-registry-down");
        var good = await new AvroSerializer<GenericRecord>(new CachedSchemaRegistryClient(registry.Http))
            .SerializeAsync(Order(), new SerializationContext(MessageComponentType.Value, topic));
        await KafkaTestBroker.ProduceAsync(topic, [KafkaMessage.Create("k"u8.ToArray(), good)]);
        // The consumer's own client: its first request fails, the rest reach the registry.
        using var flaky = new StubRegistryHandler(number => number > 1 ? null
            : failure == "html 404" ? StubRegistryHandler.HtmlNotFound()
            : throw StubRegistryHandler.ConnectionRefused()) { InnerHandler = new SocketsHttpHandler() };
        var deserializer = new AvroDeserializer<GenericRecord>(new CachedSchemaRegistryClient(new HttpClient(flaky) { BaseAddress = registry.Http.BaseAddress }));
        var decoded = new ConcurrentQueue<GenericRecord?>();
        var handler = new RecordingHandler(async (message, _) => decoded.Enqueue(await AvroMessages.ValueAsync(deserializer, message)));
        var settings = new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("avro-registry-down")) { InitialBackoff = TimeSpan.FromMilliseconds(20) };
        using var deadLettered = new KafkaCounter(KafkaTelemetry.DeadLetteredCounterName, topic);

        await using (await RunningWorker.StartAsync(settings, handler))
        {
            await KafkaTestBroker.EventuallyAsync(() => !decoded.IsEmpty, "handling the message once the registry answers");
        }

        var handled = Assert.Single(handler.Handled);
        Assert.Equal(2, handler.AttemptsAt(handled.Partition.Value, handled.Offset.Value));
        Assert.Equal(1999L, Assert.Single(decoded)?["totalCents"]);
        Assert.Equal(0, deadLettered.Total);
        Assert.Equal(2, flaky.Requests);
    }

    [Fact]
    public async Task A_tombstone_reaches_the_handler_as_null_and_is_not_dead_lettered()
    {
        var topic = KafkaTestBroker.NewTopic("avro-tombstone");
        var client = new CachedSchemaRegistryClient(registry.Http);
        var good = await new AvroSerializer<GenericRecord>(client).SerializeAsync(Order(), new SerializationContext(MessageComponentType.Value, topic));
        var tombstone = KafkaMessage.Create("order-1"u8.ToArray(), null!);
        await KafkaTestBroker.ProduceAsync(topic, [tombstone, KafkaMessage.Create("order-1"u8.ToArray(), good)]);
        var deserializer = new AvroDeserializer<GenericRecord>(client);
        var decoded = new ConcurrentQueue<GenericRecord?>();
        var handler = new RecordingHandler(async (message, _) => decoded.Enqueue(await AvroMessages.ValueAsync(deserializer, message)));
        var settings = new KafkaConsumerSettings(topic, KafkaTestBroker.NewGroup("avro-tombstone"));
        using var deadLettered = new KafkaCounter(KafkaTelemetry.DeadLetteredCounterName, topic);

        await using (await RunningWorker.StartAsync(settings, handler))
        {
            await KafkaTestBroker.EventuallyAsync(() => decoded.Count == 2, "handling the tombstone and the record after it");
        }

        Assert.Collection(
            decoded,
            Assert.Null,
            record => Assert.Equal(1999L, record?["totalCents"]));
        Assert.Equal(0, deadLettered.Total);
    }

    private static GenericRecord Order() => new(OrderCreatedV1)
    {
        { "orderId", Guid.NewGuid() },
        { "totalCents", 1999L },
        { "items", new List<object?> { new GenericRecord((RecordSchema)((ArraySchema)OrderCreatedV1["items"].Schema).ItemSchema) { { "productId", Guid.NewGuid() }, { "quantity", 2 } } } },
    };
}
