using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Legacy.Carts;
using CloudScale.Legacy.Catalog;
using CloudScale.Legacy.Checkout;
using CloudScale.Legacy.Data;
using CloudScale.Legacy.Orders;
using CloudScale.Legacy.Payments;
using CloudScale.Legacy.Stock;

namespace CloudScale.Legacy;

/// <summary>The legacy monolith: the whole shopper API over one <c>legacy</c> schema.</summary>
public static class LegacyApp
{
    /// <summary>Largest request body the API accepts; anything bigger is a 413 problem.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Builds the app; <paramref name="configure"/> lets tests adjust the builder before it is built.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.AddLegacyDatabase();
        builder.AddShopperApi();
        builder.Services.AddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
        builder.Services.AddSingleton<PaymentCapture>();
        builder.Services.AddHostedService<PaymentCaptureSweeper>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CatalogService>();
        builder.Services.AddScoped<CartService>();
        builder.Services.AddScoped<PaymentMethodService>();
        builder.Services.AddScoped<CheckoutService>();
        builder.Services.AddScoped<OrderService>();
        builder.AddLegacyStock();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseCloudScaleHttpConventions();
        app.MapHealthEndpoints();
        app.MapInternalStockEndpoints();
        var api = app.MapGroup("/api/v1");
        api.MapCatalogEndpoints();
        api.MapCartEndpoints();
        api.MapPaymentMethodEndpoints();
        api.MapCheckoutEndpoints();
        api.MapOrderEndpoints();
        return app;
    }
}
