using System.Collections.Concurrent;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudScale.Checkout.Tests;

/// <summary>The legacy catalog's product endpoint on loopback, serving the products a test puts in.</summary>
public sealed class FakeCatalog : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, object> products = new();
    private LoopbackApp app = null!;

    public Uri BaseAddress => app.BaseAddress;

    public static async Task<FakeCatalog> StartAsync()
    {
        var catalog = new FakeCatalog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var web = builder.Build();
        web.MapGet("/api/v1/products/{productId}", (string productId) =>
        {
            return Guid.TryParse(productId, out var id) && catalog.products.TryGetValue(id, out var product)
                ? Results.Json(product)
                : Results.Problem(statusCode: 404, title: "The resource was not found.", extensions: new Dictionary<string, object?> { ["code"] = "product_not_found" });
        });
        catalog.app = await LoopbackApp.StartAsync(web);
        return catalog;
    }

    public Guid Add(string name, long priceCents)
    {
        var id = Guid.NewGuid();
        products[id] = new { productId = id, sku = "SKU-" + id.ToString("N")[..8], name, description = "A test product", priceCents, currency = "USD" };
        return id;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
