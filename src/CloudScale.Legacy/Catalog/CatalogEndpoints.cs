using CloudScale.BuildingBlocks.ShopperApi;

namespace CloudScale.Legacy.Catalog;

internal static class CatalogEndpoints
{
    public static void MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/products", (int? page, int? pageSize, CatalogService catalog, CancellationToken ct) =>
            catalog.ListProductsAsync(page, pageSize, ct));
        api.MapGet("/products/{productId}", (string productId, CatalogService catalog, CancellationToken ct) =>
            catalog.GetProductAsync(Ids.ParseRoute(productId, CatalogService.ProductNotFound, "product"), ct));
        api.MapGet("/inventory/{productId}", (string productId, CatalogService catalog, CancellationToken ct) =>
            catalog.GetStockAsync(Ids.ParseRoute(productId, CatalogService.ProductNotFound, "product"), ct));
    }
}
