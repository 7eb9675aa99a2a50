using System.Net;
using System.Net.Http.Json;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Checkout.Application;
using CloudScale.Checkout.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace CloudScale.Checkout.Infrastructure.Catalog;

/// <summary>
/// Anti-corruption layer over the legacy catalog API (<c>GET /api/v1/products/{id}</c>): its JSON is translated into
/// Checkout's <see cref="Product"/> and kept in memory for <c>Checkout:Catalog:CacheFor</c>.
/// </summary>
internal sealed class LegacyCatalogClient(HttpClient http, IMemoryCache cache, CheckoutOptions options) : ICatalog
{
    public async Task<Product?> FindAsync(Guid productId, CancellationToken cancellationToken)
    {
        var cacheKey = (nameof(LegacyCatalogClient), productId);
        if (cache.TryGetValue(cacheKey, out Product? known))
        {
            return known;
        }

        LegacyProduct? body;
        try
        {
            using var response = await http.GetAsync($"api/v1/products/{productId:D}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            body = await response.Content.ReadFromJsonAsync<LegacyProduct>(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException { InnerException: TimeoutException } or System.Text.Json.JsonException)
        {
            throw new ApiException(502, CheckoutProblems.CatalogUnavailable, $"The product catalog did not answer for product '{productId}'; retry shortly.");
        }

        if (body is null || body.ProductId != productId || string.IsNullOrEmpty(body.Name) || body.PriceCents < 0)
        {
            throw new ApiException(502, CheckoutProblems.CatalogUnavailable, $"The product catalog answered an unusable product for '{productId}'.");
        }

        var product = new Product(body.ProductId, body.Sku ?? "", body.Name, body.PriceCents, body.Currency ?? "USD");
        if (options.CatalogCacheFor > TimeSpan.Zero)
        {
            cache.Set(cacheKey, product, options.CatalogCacheFor);
        }

        return product;
    }

    /// <summary>The legacy API's product JSON, exactly as it is on the wire.</summary>
    private sealed record LegacyProduct(Guid ProductId, string? Sku, string? Name, string? Description, long PriceCents, string? Currency);
}
