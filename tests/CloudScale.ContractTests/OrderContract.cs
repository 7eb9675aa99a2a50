using System.Net;
using CloudScale.ContractTests.Targets;
using CloudScale.Testing;

namespace CloudScale.ContractTests;

public abstract class OrderContract(ShopperApiTarget target)
{
    [Fact]
    public async Task A_shopper_lists_their_orders_newest_first_and_nobody_elses()
    {
        var productId = await target.ProductWithStockAsync(10);
        var shopper = target.NewShopper();
        var first = (await shopper.CompleteAsync(await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1)))).Str("orderId");
        target.Clock.Now += TimeSpan.FromSeconds(1);
        var second = (await shopper.CompleteAsync(await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 2)))).Str("orderId");
        var other = target.NewShopper();
        await other.CompleteAsync(await other.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1)));

        var listed = (await shopper.GetAsync($"/api/v1/orders?shopperId={shopper.ShopperId}")).Expect(HttpStatusCode.OK);

        Assert.Equal([second, first], listed.Json!["items"]!.AsArray().Select(o => o!["orderId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has spaces")]
    public async Task Listing_orders_needs_a_valid_shopper_id(string shopperId)
    {
        (await target.Anonymous().GetAsync($"/api/v1/orders?shopperId={Uri.EscapeDataString(shopperId)}"))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("3f8c1c9e-0000-4000-8000-000000000000")]
    [InlineData("nope")]
    public async Task An_unknown_order_is_not_found(string orderId)
    {
        (await target.Anonymous().GetAsync($"/api/v1/orders/{orderId}")).ExpectProblem(HttpStatusCode.NotFound, "order_not_found");
        (await target.Anonymous().PostJsonAsync($"/api/v1/orders/{orderId}/refund", null)).ExpectProblem(HttpStatusCode.NotFound, "order_not_found");
    }

    [Fact]
    public async Task A_refund_returns_the_whole_amount_once()
    {
        var productId = await target.ProductWithStockAsync(10);
        var shopper = target.NewShopper();
        var orderId = (await shopper.CompleteAsync(await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1)))).Str("orderId");

        var refund = (await shopper.PostJsonAsync($"/api/v1/orders/{orderId}/refund", null)).Expect(HttpStatusCode.OK);
        var again = await shopper.PostJsonAsync($"/api/v1/orders/{orderId}/refund", null);
        var order = (await shopper.GetAsync($"/api/v1/orders/{orderId}")).Expect(HttpStatusCode.OK);

        Assert.Equal("REFUNDED", refund.Str("status"));
        Assert.Equal(order.Json!["totalCents"]!.GetValue<long>(), refund.Json!["refundedCents"]!.GetValue<long>());
        again.ExpectProblem(HttpStatusCode.Conflict, "order_already_refunded");
        Assert.Equal("REFUNDED", order.Str("status"));
        Assert.Equal("REFUNDED", order.Json["payment"]!["status"]!.GetValue<string>());
        Assert.Equal(order.Json["totalCents"]!.GetValue<long>(), order.Json["payment"]!["refundedCents"]!.GetValue<long>());
    }
}

[Collection(LegacyCollection.Name)]
public sealed class LegacyOrderContract(LegacyTarget target) : OrderContract(target);

[Collection(ModularCollection.Name)]
public sealed class ModularOrderContract(ModularTarget target) : OrderContract(target);
