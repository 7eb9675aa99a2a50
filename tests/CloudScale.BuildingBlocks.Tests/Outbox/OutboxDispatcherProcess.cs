using System.Diagnostics;
using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.BuildingBlocks.SchemaRegistry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudScale.BuildingBlocks.Tests.Outbox;

/// <summary>
/// The shop's outbox dispatcher as its own process, publishing to the real dev broker. With a kill count it SIGKILLs
/// itself right after that many broker acknowledgements, before the round could mark anything published.
/// </summary>
internal static class OutboxDispatcherProcess
{
    public static async Task<int> RunAsync(string postgres, string kafka, Uri registryUrl, int killAfterPublishes)
    {
        await using var services = new ServiceCollection()
            .AddDbContext<ShopDbContext>(options => options.UseNpgsql(postgres).UseOutbox())
            .BuildServiceProvider();
        var clients = new KafkaClientFactory(new KafkaOptions { BootstrapServers = kafka, ClientId = "outbox-dispatcher-process" });
        using var producer = clients.CreateProducer(KafkaOutboxTransport.ProducerConfig(clients));
        using var http = new HttpClient { BaseAddress = registryUrl };
        IOutboxTransport transport = new KafkaOutboxTransport(producer, new CachedSchemaRegistryClient(http));
        if (killAfterPublishes > 0)
        {
            transport = new KillAfterPublishes(transport, killAfterPublishes);
        }

        using var dispatcher = new OutboxDispatcher<ShopDbContext>(
            services.GetRequiredService<IServiceScopeFactory>(), transport, new OutboxOptions(), TimeProvider.System,
            NullLogger<OutboxDispatcher<ShopDbContext>>.Instance);
        var published = 0;
        int round;
        while ((round = await dispatcher.DispatchOnceAsync(CancellationToken.None)) > 0)
        {
            published += round;
        }

        Console.WriteLine($"published {published}");
        return 0;
    }

    private sealed class KillAfterPublishes(IOutboxTransport inner, int limit) : IOutboxTransport
    {
        private int published;

        public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            await inner.PublishAsync(message, cancellationToken);
            if (Interlocked.Increment(ref published) == limit)
            {
                Process.GetCurrentProcess().Kill();
            }
        }
    }
}
