using System.Net;
using CloudScale.Testing;

namespace CloudScale.Legacy.Tests;

public sealed class CheckoutTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    [Fact]
    public async Task A_gateway_error_charges_nothing_stores_nothing_and_leaves_the_checkout_open()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.GatewayErrorCard, (productId, 2));

        (await shopper.CompleteAsync(sessionId, "gateway-down-1")).ExpectProblem(HttpStatusCode.BadGateway, "payment_gateway_error");

        Assert.Equal(5, await fixture.Data.OnHandAsync(productId));
        var session = ("id", (object)Guid.Parse(sessionId));
        Assert.Equal(0, await fixture.Data.CountAsync("orders", "checkout_session_id = @id", session));
        Assert.Equal(0, await fixture.Data.CountAsync("payments", "checkout_session_id = @id", session));
        Assert.Equal(0, await fixture.Data.CountAsync("idempotency_keys", "checkout_session_id = @id", session));
        Assert.Equal(1, await fixture.Data.CountAsync("checkout_sessions", "checkout_session_id = @id AND status = 'OPEN'", session));
    }

    [Fact]
    public async Task Insufficient_funds_is_its_own_402_code_and_records_the_declined_payment()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.InsufficientFundsCard, (productId, 1));

        var response = await shopper.CompleteAsync(sessionId);

        response.ExpectProblem(HttpStatusCode.PaymentRequired, "insufficient_funds");
        Assert.Equal("PAYMENT_DECLINED", response.Str("checkoutStatus"));
        Assert.Equal(5, await fixture.Data.OnHandAsync(productId));
        Assert.Equal(1, await fixture.Data.CountAsync("payments",
            "checkout_session_id = @id AND status = 'DECLINED' AND decline_code = 'insufficient_funds' AND order_id IS NULL", ("id", Guid.Parse(sessionId))));
    }

    [Fact]
    public async Task A_failed_checkout_replays_its_answer_for_the_same_key_and_refuses_a_new_attempt()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.DeclinedCard, (productId, 1));

        var first = await shopper.CompleteAsync(sessionId, "declined-key");
        var replay = await shopper.CompleteAsync(sessionId, "declined-key");
        var fresh = await shopper.CompleteAsync(sessionId, "another-key");

        first.ExpectProblem(HttpStatusCode.PaymentRequired, "payment_declined");
        Assert.Equal(first.Body, replay.Body);
        fresh.ExpectProblem(HttpStatusCode.Conflict, "checkout_not_open");
        Assert.Equal(1, await fixture.Data.CountAsync("payments", "checkout_session_id = @id", ("id", Guid.Parse(sessionId))));
    }

    [Fact]
    public async Task Concurrent_completions_with_one_key_sell_once_and_all_get_the_same_order()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 3));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => shopper.CompleteAsync(sessionId, "one-key")));

        Assert.All(responses, r => r.Expect(HttpStatusCode.OK));
        Assert.Single(responses.Select(r => r.Str("orderId")).Distinct());
        Assert.Equal(7, await fixture.Data.OnHandAsync(productId));
        Assert.Equal(1, await fixture.Data.CountAsync("orders", "checkout_session_id = @id", ("id", Guid.Parse(sessionId))));
        Assert.Equal(1, await fixture.Data.CountAsync("payments", "checkout_session_id = @id AND status = 'CAPTURED'", ("id", Guid.Parse(sessionId))));
    }

    [Fact]
    public async Task A_key_already_used_for_another_checkout_is_refused()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var shopper = fixture.NewShopper();
        var first = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        var second = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        (await shopper.CompleteAsync(first, "shared-key")).Expect(HttpStatusCode.OK);

        (await shopper.CompleteAsync(second, "shared-key")).ExpectProblem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");

        Assert.Equal(9, await fixture.Data.OnHandAsync(productId));
    }

    [Fact]
    public async Task Completing_without_an_idempotency_key_is_refused_and_sells_nothing()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 4);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));

        (await shopper.PostJsonAsync($"/api/v1/checkouts/{sessionId}/complete", null))
            .ExpectProblem(HttpStatusCode.BadRequest, "idempotency_key_required");

        Assert.Equal(4, await fixture.Data.OnHandAsync(productId));
    }

    [Fact]
    public async Task Checkout_needs_a_non_empty_cart_and_the_shoppers_own_card()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 4);
        var ada = fixture.NewShopper();
        var grace = fixture.NewShopper();
        var emptyCart = await ada.CreateCartAsync();
        var adasCard = await ada.RegisterCardAsync();
        var gracesCard = await grace.RegisterCardAsync();

        (await ada.PostJsonAsync("/api/v1/checkouts", new { cartId = emptyCart, shippingAddress = ShopperApiClient.Address, paymentMethodId = adasCard }))
            .ExpectProblem(HttpStatusCode.Conflict, "cart_empty");

        await ada.AddItemAsync(emptyCart, productId, 1);
        (await ada.PostJsonAsync("/api/v1/checkouts", new { cartId = emptyCart, shippingAddress = ShopperApiClient.Address, paymentMethodId = gracesCard }))
            .ExpectProblem(HttpStatusCode.NotFound, "payment_method_not_found");
        Assert.Equal(0, await fixture.Data.CountAsync("checkout_sessions", "cart_id = @id", ("id", Guid.Parse(emptyCart))));
    }

    [Fact]
    public async Task The_summary_prices_the_cart_and_charges_shipping_below_the_free_threshold()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 4);
        var shopper = fixture.NewShopper();
        var price = (await shopper.GetAsync($"/api/v1/products/{productId}")).Json!["priceCents"]!.GetValue<long>();
        var cartId = await shopper.CreateCartAsync();
        await shopper.AddItemAsync(cartId, productId, 1);

        var started = await shopper.PostJsonAsync("/api/v1/checkouts",
            new { cartId, shippingAddress = ShopperApiClient.Address, paymentMethodId = await shopper.RegisterCardAsync() });

        var summary = started.Expect(HttpStatusCode.Created).Json!["summary"]!;
        var shipping = price >= 5000 ? 0 : 499;
        Assert.Equal(price, summary["subtotalCents"]!.GetValue<long>());
        Assert.Equal(shipping, summary["shippingCents"]!.GetValue<long>());
        Assert.Equal(price + shipping, summary["totalCents"]!.GetValue<long>());
    }
}
