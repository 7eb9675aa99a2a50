using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Inbox;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.BuildingBlocks.SchemaRegistry;
using CloudScale.BuildingBlocks.SchemaRegistry.Serdes;
using CloudScale.BuildingBlocks.Tests.Kafka;
using CloudScale.DevStack.SchemaRegistry;
using CloudScale.Testing;
using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Tests.Outbox;

/// <summary>The outbox, the real dev broker, the registry stand-in and the inbox, end to end, with a process killed.</summary>
public sealed class OutboxCrashRecoveryTests(OutboxFixture shop) : IClassFixture<OutboxFixture>, IAsyncLifetime
{
    private TestDatabase registryDatabase = null!;
    private LoopbackApp registry = null!;

    public async Task InitializeAsync()
    {
        registryDatabase = await TestDatabase.CreateAsync("registry");
        registry = await LoopbackApp.StartAsync(RegistryApp.Create(LoopbackApp.Args(
            ("ConnectionStrings:SchemaRegistry", registryDatabase.ConnectionString), ("Logging:LogLevel:Default", "Warning"))));
    }

    [Fact]
    public async Task Killing_the_dispatcher_between_publish_and_mark_loses_nothing_and_the_inbox_handles_each_event_once()
    {
        var topic = KafkaTestBroker.NewTopic("outbox-crash");
        var keys = new[] { "order-a", "order-b", "order-c" };
        var committed = new List<OutboxMessage>();
        await using (var db = shop.NewContext())
        {
            for (var i = 0; i < 10; i++)
            {
                foreach (var key in keys)
                {
                    var message = OutboxMessage.Create(topic, key, OutboxFixture.OrderPlacedEvent($"{key}/{i}"), DateTime.UtcNow);
                    db.Set<OutboxMessage>().Add(message);
                    committed.Add(message);
                    await db.SaveChangesAsync();
                }
            }
        }

        var crashed = await ChildProcess.RunAsync("outbox-dispatcher", shop.Database.ConnectionString, TestInfrastructure.KafkaBootstrap, registry.BaseAddress.ToString(), "10");
        Assert.NotEqual(0, crashed.ExitCode);
        Assert.Equal(30, await PendingAsync(topic));

        var restarted = await ChildProcess.RunAsync("outbox-dispatcher", shop.Database.ConnectionString, TestInfrastructure.KafkaBootstrap, registry.BaseAddress.ToString(), "0");
        Assert.True(restarted.ExitCode == 0, restarted.Output);
        Assert.Equal(0, await PendingAsync(topic));

        // At least the 10 acknowledged before the kill were never marked, so they went out again (messages of other
        // keys already in flight at the kill may have landed too): 40 or more deliveries of 30 events.
        var deliveries = KafkaTestBroker.ReadUntilIdle(topic, atLeast: 40);
        using var http = registry.CreateClient();
        var deserializer = new AvroDeserializer<GenericRecord>(new CachedSchemaRegistryClient(http));
        var handled = 0;
        var seen = new List<(string Key, long Offset, string Note)>();
        foreach (var delivery in deliveries)
        {
            var record = (await AvroMessages.ValueAsync(deserializer, delivery))!;
            seen.Add((System.Text.Encoding.UTF8.GetString(delivery.Message.Key), delivery.Offset.Value, (string)record["note"]!));
            await using var db = shop.NewContext();
            var first = await Inbox.Inbox.HandleOnceAsync(db, "order-projector", KafkaMessage.MessageIdOf(delivery.Message), _ =>
            {
                db.Orders.Add(new ShopOrder { Id = Guid.NewGuid(), Note = $"projected {topic} {record["note"]}" });
                return Task.CompletedTask;
            }, CancellationToken.None);
            handled += first ? 1 : 0;
        }

        Assert.True(deliveries.Count >= 40, $"expected the 10 unmarked events to be delivered again, got {deliveries.Count} deliveries");
        Assert.Equal(30, handled);
        Assert.Equal(committed.Select(m => m.Id).Order(), deliveries.Select(d => KafkaMessage.MessageIdOf(d.Message)).Distinct().Order());
        await using (var db = shop.NewContext())
        {
            Assert.Equal(30, await db.Orders.CountAsync(o => o.Note.StartsWith($"projected {topic} ")));
        }

        // Per key, the log ends with the restarted dispatcher's deliveries, all ten, in commit order.
        foreach (var key in keys)
        {
            var lastTen = seen.Where(d => d.Key == key).OrderBy(d => d.Offset).TakeLast(10).Select(d => d.Note);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{key}/{i}"), lastTen);
        }
    }

    public async Task DisposeAsync()
    {
        await registry.DisposeAsync();
        await registryDatabase.DisposeAsync();
    }

    private async Task<int> PendingAsync(string topic)
    {
        await using var db = shop.NewContext();
        return await db.Set<OutboxMessage>().CountAsync(m => m.Topic == topic && m.PublishedAt == null);
    }
}
