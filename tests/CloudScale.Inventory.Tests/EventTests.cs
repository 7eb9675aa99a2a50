using System.Diagnostics;
using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.BuildingBlocks.SchemaRegistry;
using CloudScale.BuildingBlocks.SchemaRegistry.Serdes;
using CloudScale.DevStack.SchemaRegistry;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Testing;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Inventory.Tests;

/// <summary>Reservation changes leave through the outbox onto Inventory's topics, Avro-encoded under registered schemas.</summary>
public sealed class EventTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);
    private TestDatabase database = null!;
    private TestDatabase registryDatabase = null!;
    private LoopbackApp registry = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        (database, registryDatabase) = (await TestDatabase.CreateAsync("inventory_events"), await TestDatabase.CreateAsync("inventory_registry"));
        registry = await LoopbackApp.StartAsync(RegistryApp.Create(LoopbackApp.Args(
            ("ConnectionStrings:SchemaRegistry", registryDatabase.ConnectionString), ("Logging:LogLevel:Default", "Warning"))));
        services = InventoryFixture.BuildServices(
            database, clock,
            new Dictionary<string, string?>
            {
                ["Kafka:BootstrapServers"] = TestInfrastructure.KafkaBootstrap,
                ["Kafka:ClientId"] = "inventory-tests",
                ["Kafka:FetchWaitMaxMs"] = "5",
                ["SchemaRegistry:Url"] = registry.BaseAddress.ToString(),
            },
            (collection, configuration) => collection.AddKafkaOutboxTransport(configuration));
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Database.MigrateAsync();
        await InventoryFixture.EnsureControlPlaneAsync(database, StockOwner.Inventory);
    }

    [Fact]
    public async Task Reserve_release_and_commit_publish_their_events_keyed_by_reservation_id_in_avro()
    {
        var product = await InventoryFixture.StockProductAsync(database, clock, 10);
        var (released, committed) = (Guid.NewGuid(), Guid.NewGuid());
        await Call(m => m.ReserveAsync(new ReserveStock(released, [new(product, 2)]), None));
        await Call(m => m.ReleaseAsync(released, "payment_declined", None));
        var reserved = await Call(m => m.ReserveAsync(new ReserveStock(committed, [new(product, 3)]), None));
        await Call(m => m.CommitAsync(committed, None));

        var dispatcher = services.GetRequiredService<OutboxDispatcher<InventoryDbContext>>();
        while (await dispatcher.DispatchOnceAsync(None) > 0)
        {
        }

        var keys = new HashSet<string> { released.ToString(), committed.ToString() };
        var deserializer = new AvroDeserializer<GenericRecord>(services.GetRequiredService<ISchemaRegistryClient>());
        var stockReserved = await ReadAsync(InventoryTopics.StockReserved, keys, 2, deserializer);
        var releasedEvents = await ReadAsync(InventoryTopics.ReservationReleased, keys, 1, deserializer);
        var committedEvents = await ReadAsync(InventoryTopics.StockCommitted, keys, 1, deserializer);

        var reservedOfCommitted = stockReserved.Single(e => e.Key == committed.ToString()).Value;
        Assert.Equal("cloudscale.inventory.StockReserved", reservedOfCommitted.Schema.FullName);
        Assert.Equal(committed, reservedOfCommitted["reservation_id"]);
        Assert.Equal(reserved.ExpiresAt!.Value.UtcDateTime, reservedOfCommitted["expires_at"]);
        AssertLines(reservedOfCommitted, product, 3);

        var release = Assert.Single(releasedEvents).Value;
        Assert.Equal(released, release["reservation_id"]);
        Assert.Equal("payment_declined", release["reason"]);
        AssertLines(release, product, 2);

        var commit = Assert.Single(committedEvents).Value;
        Assert.Equal(committed, commit["reservation_id"]);
        Assert.IsType<Guid>(commit["event_id"]);
        AssertLines(commit, product, 3);
    }

    private static void AssertLines(GenericRecord record, Guid productId, int quantity)
    {
        var line = (GenericRecord)Assert.Single((IEnumerable<object?>)record["lines"]!)!;
        Assert.Equal(productId, line["product_id"]);
        Assert.Equal(quantity, line["quantity"]);
    }

    private async Task<T> Call<T>(Func<IInventoryModule, Task<T>> call)
    {
        await using var scope = services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IInventoryModule>());
    }

    /// <summary>
    /// Reads the topic from the start (without joining a group) until <paramref name="count"/> messages with one of
    /// <paramref name="keys"/> arrived; the topic is shared with other runs, the keys are this test's own.
    /// </summary>
    private static async Task<List<(string Key, GenericRecord Value)>> ReadAsync(
        string topic, IReadOnlySet<string> keys, int count, AvroDeserializer<GenericRecord> deserializer)
    {
        var clients = new KafkaClientFactory(new KafkaOptions { BootstrapServers = TestInfrastructure.KafkaBootstrap, FetchWaitMaxMs = 5 });
        using var consumer = clients.CreateConsumer(clients.ConsumerConfig($"test.inventory.{Guid.NewGuid():N}"));
        KafkaNative.EnsureLoaded();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = TestInfrastructure.KafkaBootstrap }).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        }

        var found = new List<(string, GenericRecord)>();
        var elapsed = Stopwatch.StartNew();
        while (found.Count < count)
        {
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(30), $"{topic}: only {found.Count} of {count} events arrived within 30 s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                var key = System.Text.Encoding.UTF8.GetString(result.Message.Key);
                if (keys.Contains(key))
                {
                    Assert.Equal(0, result.Message.Value[0]); // Confluent framing: magic byte, then the schema id.
                    found.Add((key, await deserializer.DeserializeAsync(result.Message.Value, false, SerializationContext.Empty)));
                }
            }
        }

        return found;
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await registry.DisposeAsync();
        await database.DisposeAsync();
        await registryDatabase.DisposeAsync();
    }
}
