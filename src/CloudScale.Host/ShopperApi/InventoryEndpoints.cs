using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Inventory.Contracts;

namespace CloudScale.Host.ShopperApi;

internal static class InventoryEndpoints
{
    public const string ProductNotFound = "product_not_found";

    public static void MapInventoryEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/inventory/{productId}", async (string productId, IInventoryModule inventory, CancellationToken ct) =>
            (await inventory.GetAvailabilityAsync(Ids.ParseRoute(productId, ProductNotFound, "product"), ct)).ToDto());
}
