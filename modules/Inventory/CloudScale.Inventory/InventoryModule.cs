using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Inventory.Application;
using CloudScale.Inventory.Application.Backfill;
using CloudScale.Inventory.Application.Routing;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Inventory.Infrastructure.Expiry;
using CloudScale.Inventory.Infrastructure.InternalApi;
using CloudScale.Inventory.Infrastructure.Legacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
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
    /// transport (AddKafkaOutboxTransport). Stock goes to whoever owns it (<c>control.data_owners</c>, which the host
    /// creates with ControlPlaneSchema.EnsureAsync before starting): the module's own tables while Inventory owns,
    /// legacy's internal stock API at <c>Inventory:Legacy:BaseAddress</c> while legacy owns.
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
        services.AddHttpClient<IRemoteStockOwner, LegacyStockOwnerClient>((provider, http) =>
        {
            // No address is fine while Inventory owns stock; while legacy owns, every call is then a 503 saying so.
            var legacy = provider.GetRequiredService<IOptions<InventoryOptions>>().Value.Legacy;
            http.BaseAddress = legacy.BaseAddress;
            http.Timeout = legacy.StockTimeout;
        });
        services.AddTransient<StockBackfill>();
        return services;
    }

    /// <summary>
    /// Serves the internal stock API (<see cref="InternalStockApi"/>: levels, reservations, commit, release under
    /// <c>/internal/stock</c>) that legacy's stock gateway calls once Inventory owns stock. Owner-only: it runs the
    /// module's own handlers and answers 409 <c>stock_owner_moved</c> while Inventory is not the owner (never
    /// forwarding to legacy, which would bounce legacy's own call back to it). Internal traffic only: the proxy never
    /// routes this prefix. Needs <see cref="AddInventoryModule"/> and the host's HTTP conventions (problem details).
    /// </summary>
    public static IEndpointConventionBuilder MapInternalStockApi(IEndpointRouteBuilder endpoints) =>
        InternalStockEndpoints.Map(endpoints);

    /// <summary>
    /// Copies stock from the legacy monolith's HTTP API (<c>Inventory:Legacy:BaseAddress</c>) into Inventory: new
    /// products are inserted, on hand corrected where it differs, never below what Inventory's reservations hold
    /// (those products are reported as conflicts and left). Idempotent: a second run reports no inserts or updates.
    /// Only while legacy owns stock: once Inventory owns, its rows are live stock and the backfill refuses with a 409
    /// <c>stock_owned_by_inventory</c> problem (an ApiException), changing nothing.
    /// </summary>
    public static async Task<StockBackfillReport> BackfillStockFromLegacyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StockBackfill>().RunAsync(cancellationToken);
    }
}
