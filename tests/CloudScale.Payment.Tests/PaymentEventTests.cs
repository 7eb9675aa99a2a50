using System.Diagnostics;
using System.Text;
using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.BuildingBlocks.SchemaRegistry;
using CloudScale.BuildingBlocks.SchemaRegistry.Serdes;
using CloudScale.DevStack.SchemaRegistry;
using CloudScale.Payment.Contracts;
using CloudScale.Payment.Infrastructure;
using CloudScale.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Payment.Tests;

/// <summary>Payment's events through its outbox, the real dev broker and the schema registry stand-in.</summary>
public sealed class PaymentEventTests(PaymentFixture fixture) : IClassFixture<PaymentFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private TestDatabase registryDatabase = null!;
    private LoopbackApp registry = null!;

    public async Task InitializeAsync()
    {
        registryDatabase = await TestDatabase.CreateAsync("payment_registry");
        registry = await LoopbackApp.StartAsync(RegistryApp.Create(LoopbackApp.Args(
            ("ConnectionStrings:SchemaRegistry", registryDatabase.ConnectionString), ("Logging:LogLevel:Default", "Warning"))));
    }

    public async Task DisposeAsync()
    {
        await registry.DisposeAsync();
        await registryDatabase.DisposeAsync();
    }

    [Fact]
    public async Task A_captured_payment_is_published_as_payment_captured_v1_keyed_by_payment_id_without_card_data()
    {
        await using var services = fixture.Compose((s, c) => s.AddKafkaOutboxTransport(c),
            ("Kafka:BootstrapServers", TestInfrastructure.KafkaBootstrap),
            ("Kafka:FetchWaitMaxMs", "5"),
            ("SchemaRegistry:Url", registry.BaseAddress.ToString()));
        var (paymentId, _) = await fixture.AuthorizeNewAsync(PaymentFixture.Approved, amountCents: 1234);
        await PaymentFixture.Payment(services, p => p.CaptureAsync(paymentId, CancellationToken.None));

        var dispatcher = services.GetRequiredService<OutboxDispatcher<PaymentDbContext>>();
        var elapsed = Stopwatch.StartNew();
        while (await fixture.Database.ScalarAsync<long>(
                   "SELECT count(*) FROM payment.outbox_messages WHERE key = @key AND published_at IS NULL", ("key", paymentId.ToString())) > 0)
        {
            Assert.True(elapsed.Elapsed < Patience, "the outbox did not publish the payment's events");
            await dispatcher.DispatchOnceAsync(CancellationToken.None);
        }

        var message = ReadByKey(PaymentTopics.Captured, paymentId.ToString());
        using var http = registry.CreateClient();
        var value = await AvroMessages.ValueAsync(new AvroDeserializer<GenericRecord>(new CachedSchemaRegistryClient(http)), message);

        Assert.NotNull(value);
        Assert.Equal("cloudscale.payment.PaymentCaptured", value.Schema.FullName);
        Assert.Equal(paymentId, value["payment_id"]);
        Assert.Equal(1234L, value["amount_cents"]);
        Assert.Equal("EUR", value["currency"]);
        Assert.Equal(["event_id", "payment_id", "amount_cents", "currency", "occurred_at"], value.Schema.Fields.Select(f => f.Name));
        var outboxId = await fixture.Database.ScalarAsync<Guid>(
            "SELECT id FROM payment.outbox_messages WHERE key = @key AND topic = @topic", ("key", paymentId.ToString()), ("topic", PaymentTopics.Captured));
        Assert.Equal(outboxId.ToString(), Encoding.ASCII.GetString(message.Message.Headers.GetLastBytes(KafkaMessage.MessageIdHeader)));
    }

    /// <summary>The message of <paramref name="key"/> on a shared topic, read from the start of every partition.</summary>
    private static ConsumeResult<byte[], byte[]> ReadByKey(string topic, string key)
    {
        KafkaNative.EnsureLoaded();
        List<TopicPartition> partitions;
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = TestInfrastructure.KafkaBootstrap }).Build())
        {
            partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
                .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        }

        var clients = new KafkaClientFactory(new KafkaOptions { BootstrapServers = TestInfrastructure.KafkaBootstrap, FetchWaitMaxMs = 5 });
        using var consumer = clients.CreateConsumer(clients.ConsumerConfig($"test.payment-events.{Guid.NewGuid():N}"));
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < Patience)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result && Encoding.UTF8.GetString(result.Message.Key) == key)
            {
                return result;
            }
        }

        throw new TimeoutException($"no message with key {key} on {topic} within {Patience.TotalSeconds:0} s");
    }
}
