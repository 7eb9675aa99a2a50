using System.Net;
using CloudScale.Testing;

namespace CloudScale.Legacy.Tests;

public sealed class OrderTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    [Fact]
    public async Task A_refund_returns_the_money_once_and_marks_order_and_payment()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var orderId = (await shopper.CompleteAsync(await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1))))
            .Expect(HttpStatusCode.OK).Str("orderId");
        var total = (await shopper.GetAsync($"/api/v1/orders/{orderId}")).Json!["totalCents"]!.GetValue<long>();

        var refund = (await shopper.PostJsonAsync($"/api/v1/orders/{orderId}/refund", null)).Expect(HttpStatusCode.OK);
        var again = await shopper.PostJsonAsync($"/api/v1/orders/{orderId}/refund", null);

        Assert.Equal("REFUNDED", refund.Str("status"));
        Assert.Equal(total, refund.Json!["refundedCents"]!.GetValue<long>());
        again.ExpectProblem(HttpStatusCode.Conflict, "order_already_refunded");
        var order = (await shopper.GetAsync($"/api/v1/orders/{orderId}")).Json!;
        Assert.Equal("REFUNDED", order["status"]!.GetValue<string>());
        Assert.Equal("REFUNDED", order["payment"]!["status"]!.GetValue<string>());
        Assert.Equal(total, order["payment"]!["refundedCents"]!.GetValue<long>());
    }

    [Fact]
    public async Task Orders_are_listed_per_shopper()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var ada = fixture.NewShopper();
        var grace = fixture.NewShopper();
        foreach (var shopper in new[] { ada, ada, grace })
        {
            (await shopper.CompleteAsync(await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1)))).Expect(HttpStatusCode.OK);
        }

        var adas = (await ada.GetAsync($"/api/v1/orders?shopperId={ada.ShopperId}")).Expect(HttpStatusCode.OK).Json!["items"]!.AsArray();

        Assert.Equal(2, adas.Count);
        Assert.All(adas, o => Assert.Equal(ada.ShopperId, o!["shopperId"]!.GetValue<string>()));
        Assert.All(adas, o => Assert.Equal("4242", o!["payment"]!["last4"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?shopperId=")]
    [InlineData("?shopperId=has%20spaces")]
    public async Task Listing_orders_needs_a_valid_shopper_id(string query)
    {
        (await fixture.NewShopper().GetAsync($"/api/v1/orders{query}")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("GET", "/api/v1/orders/7d0f0d2e-51a6-4d55-bb52-8e8b2a1f0c11")]
    [InlineData("POST", "/api/v1/orders/7d0f0d2e-51a6-4d55-bb52-8e8b2a1f0c11/refund")]
    [InlineData("GET", "/api/v1/orders/nope")]
    public async Task Unknown_orders_are_order_not_found(string method, string path)
    {
        (await fixture.NewShopper().SendAsync(new HttpMethod(method), path)).ExpectProblem(HttpStatusCode.NotFound, "order_not_found");
    }
}
