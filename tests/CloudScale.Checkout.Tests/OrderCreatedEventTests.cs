using System.Diagnostics;
using System.Text;
using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.BuildingBlocks.SchemaRegistry;
using CloudScale.BuildingBlocks.SchemaRegistry.Serdes;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Infrastructure;
using CloudScale.DevStack.SchemaRegistry;
using CloudScale.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Checkout.Tests;

/// <summary>The modules publishing through the real Kafka dev broker and the schema registry stand-in.</summary>
public sealed class KafkaModulesFixture : ModulesFixture
{
    private TestDatabase registryDatabase = null!;

    public LoopbackApp Registry { get; private set; } = null!;

    protected override async Task BeforeStartAsync()
    {
        registryDatabase = await TestDatabase.CreateAsync("registry");
        Registry = await LoopbackApp.StartAsync(RegistryApp.Create(LoopbackApp.Args(
            ("ConnectionStrings:SchemaRegistry", registryDatabase.ConnectionString), ("Logging:LogLevel:Default", "Warning"))));
    }

    protected override async Task AfterStopAsync()
    {
        await Registry.DisposeAsync();
        await registryDatabase.DisposeAsync();
    }

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Kafka:BootstrapServers"] = TestInfrastructure.KafkaBootstrap,
        ["Kafka:ClientId"] = "checkout-tests",
        ["SchemaRegistry:Url"] = Registry.BaseAddress.ToString(),
    };

    internal override IOutboxTransport? OutboxTransport() => null;
}

public sealed class OrderCreatedEventTests(KafkaModulesFixture fixture) : IClassFixture<KafkaModulesFixture>
{
    [Fact]
    public async Task A_confirmed_order_is_published_as_avro_once_and_a_republished_copy_is_handled_once_through_the_inbox()
    {
        var productId = await fixture.NewProductAsync(onHand: 5, priceCents: 1250);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.ApprovedCard, (productId, 2));
        var orderId = (await fixture.CompleteAsync(sessionId)).OrderId!.Value;
        var key = orderId.ToString("D");
        await EventuallyAsync(async () => await fixture.CountAsync("checkout.outbox_messages", "key = @key AND published_at IS NOT NULL", ("key", key)) == 1, "the event leaving the outbox");

        // Republish, as a dispatcher that died between the broker's ack and marking the row would.
        await fixture.Database.ExecuteAsync("UPDATE checkout.outbox_messages SET published_at = NULL, next_attempt_at = 'epoch' WHERE key = @key", ("key", key));
        await EventuallyAsync(async () => await fixture.CountAsync("checkout.outbox_messages", "key = @key AND published_at IS NOT NULL", ("key", key)) == 1, "the event leaving again");

        var deliveries = ReadKey(CheckoutTopics.OrderCreated, Encoding.UTF8.GetBytes(key), count: 2);
        using var http = fixture.Registry.CreateClient();
        var deserializer = new AvroDeserializer<GenericRecord>(new CachedSchemaRegistryClient(http));
        var consumer = "order-projector-" + Guid.NewGuid().ToString("N");
        var handled = new List<GenericRecord>();
        foreach (var delivery in deliveries)
        {
            var record = (await AvroMessages.ValueAsync(deserializer, delivery))!;
            await using var scope = fixture.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            await BuildingBlocks.Inbox.Inbox.HandleOnceAsync(db, consumer, KafkaMessage.MessageIdOf(delivery.Message), _ =>
            {
                handled.Add(record);
                return Task.CompletedTask;
            }, CancellationToken.None);
        }

        Assert.Equal(2, deliveries.Count);
        Assert.Single(deliveries.Select(d => KafkaMessage.MessageIdOf(d.Message)).Distinct());
        var @event = Assert.Single(handled);
        Assert.Equal(orderId, Guid.Parse(@event["order_id"]!.ToString()!));
        Assert.Equal(2500L + 499L, @event["total_cents"]);
        Assert.Equal("USD", @event["currency"]);
        Assert.NotNull(@event["shopper_id"]);
        var item = Assert.IsType<GenericRecord>(Assert.Single(((System.Collections.IEnumerable)@event["items"]!).Cast<object>()));
        Assert.Equal((productId, 2, 1250L), (Guid.Parse(item["product_id"]!.ToString()!), (int)item["quantity"]!, (long)item["price_cents"]!));
        Assert.Equal(1, await fixture.CountAsync("checkout.inbox_messages", "consumer = @consumer", ("consumer", consumer)));
        using var registry = fixture.Registry.CreateClient();
        Assert.True((await registry.GetAsync($"subjects/{CheckoutTopics.OrderCreated}-value/versions/latest")).IsSuccessStatusCode);
    }

    /// <summary>Reads every partition of the topic from the start until <paramref name="count"/> messages with the key arrived.</summary>
    private static List<ConsumeResult<byte[], byte[]>> ReadKey(string topic, byte[] key, int count)
    {
        var clients = new KafkaClientFactory(new KafkaOptions { BootstrapServers = TestInfrastructure.KafkaBootstrap, ClientId = "checkout-tests", FetchWaitMaxMs = 5, SessionTimeoutMs = 6000 });
        KafkaNative.EnsureLoaded();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = TestInfrastructure.KafkaBootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)).ToList();
        using var consumer = clients.CreateConsumer(clients.ConsumerConfig("checkout-tests-" + Guid.NewGuid().ToString("N")));
        consumer.Assign(partitions);
        var found = new List<ConsumeResult<byte[], byte[]>>();
        var elapsed = Stopwatch.StartNew();
        while (found.Count < count && elapsed.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result && result.Message.Key.AsSpan().SequenceEqual(key))
            {
                found.Add(result);
            }
        }

        return found;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{what} did not happen within 30 s");
            }

            await Task.Delay(100);
        }
    }
}
