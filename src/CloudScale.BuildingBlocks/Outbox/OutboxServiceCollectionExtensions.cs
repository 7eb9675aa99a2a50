using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudScale.BuildingBlocks.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>Runs a dispatcher for <typeparamref name="TContext"/>'s outbox; the transport is registered separately.</summary>
    public static IServiceCollection AddOutboxDispatcher<TContext>(this IServiceCollection services, Action<OutboxOptions>? configure = null)
        where TContext : DbContext
    {
        services.AddOptions<OutboxOptions>().Configure(options => configure?.Invoke(options));
        services.AddSingleton<OutboxDispatcher<TContext>>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher<TContext>>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
