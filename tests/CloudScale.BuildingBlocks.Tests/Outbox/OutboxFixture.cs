using CloudScale.BuildingBlocks.Avro;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudScale.BuildingBlocks.Tests.Outbox;

/// <summary>A fresh database with the shop schema; each test works on its own keys.</summary>
public sealed class OutboxFixture : IAsyncLifetime
{
    public const string Topic = "shop.order_placed.v1";

    public static readonly RecordSchema OrderPlaced = (RecordSchema)Schema.Parse("""
        {"type":"record","name":"OrderPlaced","namespace":"shop.v1","fields":[{"name":"note","type":"string"}]}
        """);

    /// <summary>The event an order of <paramref name="note"/> publishes.</summary>
    public static GenericRecord OrderPlacedEvent(string note) => new(OrderPlaced) { { "note", note } };

    /// <summary>The note an outbox message carries.</summary>
    public static string? NoteOf(OutboxMessage message) =>
        ((GenericRecord)AvroSerializer.Read(OrderPlaced, message.Payload)!)["note"] as string;

    public TestDatabase Database { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("outbox");
        Services = new ServiceCollection()
            .AddDbContext<ShopDbContext>(options => options.UseNpgsql(Database.ConnectionString).UseOutbox())
            .BuildServiceProvider();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.EnsureCreatedAsync();
    }

    /// <summary>A context of its own (the caller disposes it), configured as the application configures it.</summary>
    public ShopDbContext NewContext() => new(Services.GetRequiredService<DbContextOptions<ShopDbContext>>());

    public OutboxDispatcher<ShopDbContext> Dispatcher(IOutboxTransport transport, TimeProvider clock) =>
        new(Services.GetRequiredService<IServiceScopeFactory>(), transport, new OutboxOptions { FirstRetryDelay = TimeSpan.FromSeconds(1) }, clock,
            NullLogger<OutboxDispatcher<ShopDbContext>>.Instance);

    /// <summary>Commits one order with its event, the way a handler would.</summary>
    public async Task<OutboxMessage> CommitOrderAsync(string key, string note, DateTime at)
    {
        await using var db = NewContext();
        var message = OutboxMessage.Create(Topic, key, OrderPlacedEvent(note), at);
        db.Orders.Add(new ShopOrder { Id = Guid.NewGuid(), Note = note });
        db.Set<OutboxMessage>().Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Stands in for Kafka: records what was published, in order, and fails on demand.</summary>
public sealed class RecordingTransport : IOutboxTransport
{
    private readonly Lock gate = new();
    private readonly List<OutboxMessage> published = [];

    /// <summary>Decides per message whether the broker "fails" it; null publishes everything.</summary>
    public Func<OutboxMessage, bool>? Fail { get; set; }

    public TimeSpan Latency { get; set; }

    public IReadOnlyList<OutboxMessage> Published
    {
        get
        {
            lock (gate)
            {
                return published.ToList();
            }
        }
    }

    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }

        if (Fail?.Invoke(message) == true)
        {
            throw new InvalidOperationException($"broker refused {message.Id}");
        }

        lock (gate)
        {
            published.Add(message);
        }
    }
}
