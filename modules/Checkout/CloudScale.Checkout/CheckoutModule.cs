using CloudScale.BuildingBlocks.Modules;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.Checkout.Application;
using CloudScale.Checkout.Application.Orders;
using CloudScale.Checkout.Application.Saga;
using CloudScale.Checkout.Contracts;
using CloudScale.Checkout.Infrastructure;
using CloudScale.Checkout.Infrastructure.Caching;
using CloudScale.Checkout.Infrastructure.Catalog;
using CloudScale.Checkout.Infrastructure.Saga;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudScale.Checkout;

public static class CheckoutModule
{
    /// <summary>
    /// Carts, checkout sessions, orders and the checkout saga behind <see cref="ICheckoutModule"/>. Needs
    /// <c>IInventoryModule</c> and <c>IPaymentModule</c> registered, and an outbox transport for its events.
    /// Settings: <c>Checkout:Catalog:BaseAddress</c> (required), <c>Checkout:Catalog:CacheFor</c>, <c>Checkout:Redis</c>,
    /// <c>Checkout:SagaRecoveryInterval</c>, <c>Checkout:SagaStaleAfter</c>, <c>Checkout:MigrateOnStartup</c>.
    /// </summary>
    public static IServiceCollection AddCheckoutModule(this IServiceCollection services, IConfiguration configuration)
    {
        var options = CheckoutOptions.From(configuration);
        services.AddModuleCore<CheckoutDbContext>(configuration, "Checkout", CheckoutDbContext.Schema, typeof(CheckoutModule).Assembly);
        services.AddSingleton(options);
        services.AddScoped<ICheckoutModule, CheckoutFacade>();
        services.AddScoped<OrderViews>();
        services.AddScoped<CheckoutSagaRunner>();
        services.AddSingleton<OtherModules>();
        services.AddSingleton<ISagaLocks>(new PostgresSagaLocks(ModuleServiceCollectionExtensions.ModuleConnectionString(configuration, "Checkout")));
        services.AddSingleton<SagaRecovery>();

        services.AddMemoryCache();
        services.AddHttpClient<ICatalog, LegacyCatalogClient>(http =>
        {
            http.BaseAddress = new Uri(options.CatalogBaseAddress.ToString().TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(5);
        });
        if (options.Redis is { } redis)
        {
            services.AddSingleton<ICartCache>(provider =>
                new RedisCartCache(redis, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<RedisCartCache>>()));
        }
        else
        {
            services.AddSingleton<ICartCache, NoCartCache>();
        }

        services.AddOutboxDispatcher<CheckoutDbContext>();
        services.AddHostedService<SagaRecoveryService>();
        return services;
    }
}
