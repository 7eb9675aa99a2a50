using Microsoft.EntityFrameworkCore;
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
}
