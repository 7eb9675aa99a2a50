using System.Net;
using CloudScale.ContractTests.Targets;

namespace CloudScale.ContractTests;

public abstract class InventoryContract(ShopperApiTarget target)
{
    [Fact]
    public async Task Stock_shows_on_hand_reserved_and_available()
    {
        var productId = await target.ProductWithStockAsync(7);

        var stock = (await target.Anonymous().GetAsync($"/api/v1/inventory/{productId}")).Expect(HttpStatusCode.OK);

        Assert.Equal(productId, stock.Str("productId"));
        Assert.Equal(7, stock.Json!["onHand"]!.GetValue<int>());
        Assert.Equal(0, stock.Json["reserved"]!.GetValue<int>());
        Assert.Equal(7, stock.Json["available"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("3f8c1c9e-0000-4000-8000-000000000000")]
    [InlineData("not-a-uuid")]
    public async Task An_unknown_product_has_no_stock_entry(string productId)
    {
        (await target.Anonymous().GetAsync($"/api/v1/inventory/{productId}")).ExpectProblem(HttpStatusCode.NotFound, "product_not_found");
    }
}

[Collection(LegacyCollection.Name)]
public sealed class LegacyInventoryContract(LegacyTarget target) : InventoryContract(target);

[Collection(ModularCollection.Name)]
public sealed class ModularInventoryContract(ModularTarget target) : InventoryContract(target);
