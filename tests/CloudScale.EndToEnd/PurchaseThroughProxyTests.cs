using System.Net;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Testing;

namespace CloudScale.EndToEnd;

public sealed class PurchaseThroughProxyTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task An_anonymous_browser_buys_two_products_and_reads_its_order_back()
    {
        var kettle = await stack.Data.TakeProductAsync(onHand: 10);
        var lamp = await stack.Data.TakeProductAsync(onHand: 4);
        var (browser, cookies) = stack.NewBrowser();

        var cartId = await browser.CreateCartAsync();
        var shopperId = cookies.GetCookies(stack.Proxy.BaseAddress)[ShopperId.CookieName]?.Value;
        Assert.True(ShopperId.IsValid(shopperId), $"the proxy should issue a {ShopperId.CookieName} cookie");
        await browser.AddItemAsync(cartId, kettle, 2);
        var afterLamp = await browser.AddItemAsync(cartId, lamp, 1);
        Assert.True(afterLamp["available"]!.GetValue<bool>());
        Assert.Equal(shopperId, afterLamp["cart"]!["shopperId"]!.GetValue<string>());
        var sessionId = await browser.StartCheckoutAsync(cartId, await browser.RegisterCardAsync());

        var completed = (await browser.CompleteAsync(sessionId)).Expect(HttpStatusCode.OK);

        Assert.Equal("CONFIRMED", completed.Str("status"));
        var order = (await browser.GetAsync($"/api/v1/orders/{completed.Str("orderId")}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(shopperId, order["shopperId"]!.GetValue<string>());
        Assert.Equal("CONFIRMED", order["status"]!.GetValue<string>());
        Assert.Equal(3, order["items"]!.AsArray().Sum(i => i!["quantity"]!.GetValue<int>()));
        Assert.Equal("CAPTURED", order["payment"]!["status"]!.GetValue<string>());
        Assert.Equal(order["totalCents"]!.GetValue<long>(), order["payment"]!["amountCents"]!.GetValue<long>());
        var mine = (await browser.GetAsync($"/api/v1/orders?shopperId={shopperId}")).Json!["items"]!.AsArray();
        Assert.Single(mine);

        Assert.Equal(8, (await browser.GetAsync($"/api/v1/inventory/{kettle}")).Json!["onHand"]!.GetValue<int>());
        Assert.Equal(3, await stack.Data.OnHandAsync(lamp));
        Assert.Equal("CHECKED_OUT", (await browser.GetAsync($"/api/v1/carts/{cartId}")).Str("status"));
    }

    [Fact]
    public async Task A_declined_card_leaves_stock_untouched_and_creates_no_order()
    {
        var productId = await stack.Data.TakeProductAsync(onHand: 3);
        var shopper = stack.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.DeclinedCard, (productId, 2));

        var response = await shopper.CompleteAsync(sessionId);

        response.ExpectProblem(HttpStatusCode.PaymentRequired, "payment_declined");
        Assert.Equal("PAYMENT_DECLINED", response.Str("checkoutStatus"));
        Assert.Equal(3, await stack.Data.OnHandAsync(productId));
        Assert.Equal(0, await stack.Data.CountAsync("orders", "checkout_session_id = @id", ("id", Guid.Parse(sessionId))));
        Assert.Empty((await shopper.GetAsync($"/api/v1/orders?shopperId={shopper.ShopperId}")).Json!["items"]!.AsArray());
    }

    [Fact]
    public async Task Twenty_shoppers_racing_for_the_last_three_units_get_three_orders_and_seventeen_out_of_stock_answers()
    {
        var productId = await stack.Data.TakeProductAsync(onHand: 3);
        var shoppers = Enumerable.Range(0, 20).Select(_ => stack.NewShopper()).ToList();
        var sessions = await Task.WhenAll(shoppers.Select(s => s.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1))));

        using var start = new ManualResetEventSlim();
        var racing = shoppers.Select((s, i) => Task.Run(async () =>
        {
            start.Wait();
            return await s.CompleteAsync(sessions[i]);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(racing);

        var sold = results.Where(r => r.Status == HttpStatusCode.OK).ToList();
        var refused = results.Where(r => r.Status != HttpStatusCode.OK).ToList();
        Assert.Equal(3, sold.Count);
        Assert.Equal(17, refused.Count);
        Assert.All(refused, r => r.ExpectProblem(HttpStatusCode.Conflict, "out_of_stock"));
        Assert.All(refused, r => Assert.Equal("OUT_OF_STOCK", r.Str("checkoutStatus")));
        Assert.Equal(0, await stack.Data.OnHandAsync(productId));
        Assert.Equal(3, await stack.Data.CountAsync("order_lines", "product_id = @id", ("id", Guid.Parse(productId))));
        Assert.Equal(3, await stack.Data.CountAsync("payments",
            "status = 'CAPTURED' AND checkout_session_id = ANY(@ids)", ("ids", sessions.Select(Guid.Parse).ToArray())));
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_returns_the_same_order_and_charges_once()
    {
        var productId = await stack.Data.TakeProductAsync(onHand: 5);
        var shopper = stack.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        var key = Guid.NewGuid().ToString();

        var first = (await shopper.CompleteAsync(sessionId, key)).Expect(HttpStatusCode.OK);
        var replay = (await shopper.CompleteAsync(sessionId, key)).Expect(HttpStatusCode.OK);

        Assert.Equal(first.Body, replay.Body);
        Assert.Equal(4, await stack.Data.OnHandAsync(productId));
        Assert.Equal(1, await stack.Data.CountAsync("payments", "checkout_session_id = @id", ("id", Guid.Parse(sessionId))));
    }

    [Fact]
    public async Task The_correlation_id_a_shopper_sends_comes_back_on_success_and_on_errors()
    {
        var shopper = stack.NewShopper();
        foreach (var path in new[] { "/api/v1/products?pageSize=1", "/api/v1/carts/00000000-0000-4000-8000-000000000000" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
            request.Headers.Add(CorrelationId.HeaderName, "e2e-trace-42");
            using var raw = await shopper.Http.SendAsync(request);
            var response = await ApiResponse.ReadAsync(raw);

            Assert.Equal("e2e-trace-42", response.Headers[CorrelationId.HeaderName]);
            if (response.Status != HttpStatusCode.OK)
            {
                Assert.Equal("e2e-trace-42", response.Str("correlationId"));
            }
        }
    }
}
