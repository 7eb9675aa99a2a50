using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Inventory.Application;
using CloudScale.Inventory.Application.Backfill;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Inventory.Infrastructure.Expiry;
using CloudScale.Inventory.Infrastructure.Legacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CloudScale.Inventory;

/// <summary>Composes the Inventory module into a host.</summary>
public static class InventoryModule
{
    /// <summary>
    /// Registers <see cref="IInventoryModule"/> (scoped), the module's DbContext and pipeline, its outbox dispatcher
    /// and the reservation expiry sweeper. Settings: section <c>Inventory</c>; the host registers the outbox
    /// transport (AddKafkaOutboxTransport).
    /// </summary>
    public static IServiceCollection AddInventoryModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleCore<InventoryDbContext>(configuration, "Inventory", InventoryDbContext.Schema, typeof(InventoryModule).Assembly);
        services.AddOptions<InventoryOptions>().Bind(configuration.GetSection(InventoryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InventoryOptions>, InventoryOptionsValidator>();
        services.AddScoped<IInventoryModule, InventoryFacade>();
        services.AddOutboxDispatcher<InventoryDbContext>();
        services.AddSingleton<ReservationExpirySweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<ReservationExpirySweeper>());
        services.AddHttpClient<ILegacyStockSource, LegacyInventoryClient>((provider, http) =>
        {
            var legacy = provider.GetRequiredService<IOptions<InventoryOptions>>().Value.Legacy;
            http.BaseAddress = legacy.BaseAddress ?? throw new InvalidOperationException(
                $"Set {InventoryOptions.SectionName}:Legacy:BaseAddress (e.g. http://localhost:8081) to backfill stock from the legacy monolith.");
            http.Timeout = legacy.Timeout;
        });
        services.AddTransient<StockBackfill>();
        return services;
    }

    /// <summary>
    /// Copies stock from the legacy monolith's HTTP API (<c>Inventory:Legacy:BaseAddress</c>) into Inventory: new
    /// products are inserted, on hand corrected where it differs, never below what Inventory's reservations hold
    /// (those products are reported as conflicts and left). Idempotent: a second run reports no inserts or updates.
    /// </summary>
    public static async Task<StockBackfillReport> BackfillStockFromLegacyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StockBackfill>().RunAsync(cancellationToken);
    }
}
