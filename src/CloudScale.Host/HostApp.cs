using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Outbox;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Checkout;
using CloudScale.Host.ShopperApi;
using CloudScale.Inventory;
using CloudScale.Payment;
using Microsoft.Extensions.Configuration.Memory;

namespace CloudScale.Host;

/// <summary>The modular monolith: Checkout, Payment and Inventory in one process, serving the legacy shopper API.</summary>
public static class HostApp
{
    /// <summary>Largest request body the API accepts, as in the legacy monolith; anything bigger is a 413 problem.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Builds the app; <paramref name="configure"/> lets tests adjust the builder before it is built.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Defaults in code, below every other source (so environment variables still override them), rather than in an
        // appsettings.json: test projects that reference the host and the proxy share one output folder, where two
        // appsettings.json files overwrite each other and the proxy lost its routes.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LogDefaults });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.AddShopperApi();
        builder.Services.AddModules(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseCloudScaleHttpConventions();
        app.MapHostHealthEndpoints();
        var api = app.MapGroup("/api/v1");
        api.MapCartEndpoints();
        api.MapCheckoutEndpoints();
        api.MapOrderEndpoints();
        api.MapPaymentMethodEndpoints();
        api.MapInventoryEndpoints();
        // Legacy's stock gateway calls this once Inventory owns stock; the proxy never routes /internal.
        InventoryModule.MapInternalStockApi(app);
        return app;
    }

    /// <summary>EF Core logs every statement at Information; the host keeps framework noise at Warning.</summary>
    private static readonly Dictionary<string, string?> LogDefaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        await Create(args).RunAsync();
        return 0;
    }

    /// <summary>
    /// The control schema first (before any module migrates or serves), then the three modules and the one transport
    /// their outboxes publish through.
    /// </summary>
    internal static IServiceCollection AddModules(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddHostedService<ControlPlaneStartup>()
            .AddKafkaOutboxTransport(configuration)
            .AddInventoryModule(configuration)
            .AddPaymentModule(configuration)
            .AddCheckoutModule(configuration);
}
