using CloudScale.BuildingBlocks.Kafka;
using CloudScale.BuildingBlocks.SchemaRegistry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CloudScale.BuildingBlocks.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Runs a dispatcher for <typeparamref name="TContext"/>'s outbox with its own options (each module's outbox is
    /// configured on its own); the transport is registered separately. Invalid options stop the host at start.
    /// </summary>
    public static IServiceCollection AddOutboxDispatcher<TContext>(this IServiceCollection services, Action<OutboxOptions>? configure = null)
        where TContext : DbContext
    {
        var options = new OutboxOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new OutboxDispatcher<TContext>(
            provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<IOutboxTransport>(), options,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<OutboxDispatcher<TContext>>>()));
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher<TContext>>());
        return services;
    }

    /// <summary>
    /// The transport every outbox of a host publishes through: an idempotent Kafka producer (section <c>Kafka</c>)
    /// and the schema registry at <c>SchemaRegistry:Url</c>. Register once per host, then one
    /// <see cref="AddOutboxDispatcher{TContext}"/> per module.
    /// </summary>
    public static IServiceCollection AddKafkaOutboxTransport(this IServiceCollection services, IConfiguration configuration)
    {
        var registryUrl = configuration["SchemaRegistry:Url"] is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"SchemaRegistry:Url must be an absolute URL, got '{configuration["SchemaRegistry:Url"]}'.");
        services.AddKafka(configuration);
        services.TryAddSingleton<ISchemaRegistryClient>(_ => new CachedSchemaRegistryClient(new HttpClient { BaseAddress = registryUrl }));
        services.TryAddSingleton<IOutboxTransport>(provider =>
        {
            var clients = provider.GetRequiredService<KafkaClientFactory>();
            return new KafkaOutboxTransport(clients.CreateProducer(KafkaOutboxTransport.ProducerConfig(clients)), provider.GetRequiredService<ISchemaRegistryClient>());
        });
        return services;
    }
}
