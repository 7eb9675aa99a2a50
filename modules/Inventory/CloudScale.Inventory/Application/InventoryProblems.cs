using CloudScale.BuildingBlocks.Http;

namespace CloudScale.Inventory.Application;

/// <summary>Problem codes shared with the legacy monolith, so callers see the same refusal on either side.</summary>
internal static class InventoryProblems
{
    public const string ProductNotFound = "product_not_found";

    public static ApiException ProductNotFoundError(Guid productId) =>
        ApiException.NotFound(ProductNotFound, $"No product with id '{productId}'.");
}
