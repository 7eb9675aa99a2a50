using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Inventory.Application;

/// <summary>Problem codes shared with the legacy monolith, so callers see the same refusal on either side.</summary>
internal static class InventoryProblems
{
    public const string ProductNotFound = "product_not_found";

    /// <summary>503: the stock owner could not be reached, or kept moving while the call was routed.</summary>
    public const string StockOwnerUnavailable = "stock_owner_unavailable";

    /// <summary>409: the legacy stock backfill would overwrite stock Inventory now owns.</summary>
    public const string StockOwnedByInventory = "stock_owned_by_inventory";

    public static ApiException ProductNotFoundError(Guid productId) =>
        ApiException.NotFound(ProductNotFound, $"No product with id '{productId}'.");

    public static ApiException StockOwnerUnavailableError(string detail) =>
        new(503, StockOwnerUnavailable, detail);

    public static ApiException StockOwnedByInventoryError() =>
        ApiException.Conflict(StockOwnedByInventory,
            "Inventory owns stock: its rows are live stock, and copying legacy's counts over them would undo sales and holds. " +
            "The backfill only runs while legacy owns stock.");
}
