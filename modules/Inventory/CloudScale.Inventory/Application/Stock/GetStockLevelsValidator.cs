using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;

namespace CloudScale.Inventory.Application.Stock;

internal sealed class GetStockLevelsValidator : IValidator<GetStockLevels>
{
    public void Validate(GetStockLevels request, FieldErrors errors)
    {
        if (request.ProductIds is null)
        {
            errors.Add("productIds", "productIds is required");
            return;
        }

        errors.Check(request.ProductIds.Count <= GetStockLevels.MaxProducts, "productIds",
            $"productIds may name at most {GetStockLevels.MaxProducts} products, got {request.ProductIds.Count}");
    }
}
