using System.Net;
using CloudScale.ContractTests.Targets;
using CloudScale.Testing;

namespace CloudScale.ContractTests;

public abstract class CheckoutContract(ShopperApiTarget target)
{
    [Fact]
    public async Task Starting_a_checkout_prices_the_cart_with_shipping_below_the_free_threshold()
    {
        var productId = await target.ProductWithStockAsync(10);
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();
        var line = (await shopper.AddItemAsync(cartId, productId, 1))["cart"]!["items"]![0]!;

        var started = (await shopper.PostJsonAsync("/api/v1/checkouts", new { cartId, shippingAddress = ShopperApiClient.Address, paymentMethodId = await shopper.RegisterCardAsync() }))
            .Expect(HttpStatusCode.Created);

        var unit = line["unitPriceCents"]!.GetValue<long>();
        var summary = started.Json!["summary"]!;
        var shipping = unit >= 5000 ? 0 : 499;
        Assert.Equal(unit, summary["subtotalCents"]!.GetValue<long>());
        Assert.Equal(shipping, summary["shippingCents"]!.GetValue<long>());
        Assert.Equal(unit + shipping, summary["totalCents"]!.GetValue<long>());
        Assert.Equal("USD", summary["currency"]!.GetValue<string>());
        Assert.Single(summary["items"]!.AsArray());
        Assert.EndsWith($"/api/v1/checkouts/{started.Str("checkoutSessionId")}", started.Headers["Location"]);
    }

    [Fact]
    public async Task An_empty_cart_cannot_be_checked_out()
    {
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        (await shopper.PostJsonAsync("/api/v1/checkouts", new { cartId, shippingAddress = ShopperApiClient.Address, paymentMethodId = await shopper.RegisterCardAsync() }))
            .ExpectProblem(HttpStatusCode.Conflict, "cart_empty");
    }

    [Fact]
    public async Task Another_shoppers_card_is_reported_as_not_found()
    {
        var productId = await target.ProductWithStockAsync(10);
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();
        await shopper.AddItemAsync(cartId, productId, 1);
        var someoneElsesCard = await target.NewShopper().RegisterCardAsync();

        (await shopper.PostJsonAsync("/api/v1/checkouts", new { cartId, shippingAddress = ShopperApiClient.Address, paymentMethodId = someoneElsesCard }))
            .ExpectProblem(HttpStatusCode.NotFound, "payment_method_not_found");
    }

    [Fact]
    public async Task A_bad_address_names_every_bad_field_at_once()
    {
        var shopper = target.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        var response = await shopper.PostJsonAsync("/api/v1/checkouts", new
        {
            cartId, paymentMethodId = "nope", shippingAddress = new { name = "", line1 = "x", city = "y", postalCode = "z", country = "gb" },
        });

        response.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var errors = response.Json!["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "paymentMethodId", "shippingAddress.name", "shippingAddress.country" }, errors);
    }

    [Fact]
    public async Task Completing_sells_the_stock_confirms_the_order_and_empties_nothing_else()
    {
        var productId = await target.ProductWithStockAsync(5);
        var shopper = target.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 2));

        var completed = (await shopper.CompleteAsync(sessionId)).Expect(HttpStatusCode.OK);
        var order = (await shopper.GetAsync($"/api/v1/orders/{completed.Str("orderId")}")).Expect(HttpStatusCode.OK);
        var stock = (await shopper.GetAsync($"/api/v1/inventory/{productId}")).Expect(HttpStatusCode.OK);

        Assert.Equal("CONFIRMED", completed.Str("status"));
        Assert.Equal("CONFIRMED", order.Str("status"));
        Assert.Equal(sessionId, order.Str("checkoutSessionId"));
        Assert.Equal(shopper.ShopperId, order.Str("shopperId"));
        Assert.Equal(2, order.Json!["items"]![0]!["quantity"]!.GetValue<int>());
        Assert.Equal("CAPTURED", order.Json["payment"]!["status"]!.GetValue<string>());
        Assert.Equal("4242", order.Json["payment"]!["last4"]!.GetValue<string>());
        Assert.Equal(order.Json["totalCents"]!.GetValue<long>(), order.Json["payment"]!["amountCents"]!.GetValue<long>());
        Assert.Equal("London", order.Json["shippingAddress"]!["city"]!.GetValue<string>());
        Assert.Equal(3, stock.Json!["onHand"]!.GetValue<int>());
        Assert.Equal(3, stock.Json["available"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_same_key_replays_the_same_answer_and_a_new_key_is_told_the_checkout_is_done()
    {
        var productId = await target.ProductWithStockAsync(5);
        var shopper = target.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));

        var key = $"key-{Guid.NewGuid()}";
        var first = (await shopper.CompleteAsync(sessionId, key)).Expect(HttpStatusCode.OK);
        var replay = (await shopper.CompleteAsync(sessionId, key)).Expect(HttpStatusCode.OK);
        var fresh = await shopper.CompleteAsync(sessionId, $"key-{Guid.NewGuid()}");

        Assert.Equal(first.Str("orderId"), replay.Str("orderId"));
        fresh.ExpectProblem(HttpStatusCode.Conflict, "checkout_already_completed");
        Assert.Equal(first.Str("orderId"), fresh.Str("orderId"));
        Assert.Equal(4, (await shopper.GetAsync($"/api/v1/inventory/{productId}")).Json!["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_key_used_for_another_checkout_is_refused()
    {
        var productId = await target.ProductWithStockAsync(5);
        var shopper = target.NewShopper();
        var first = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        var second = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        var key = $"shared-{Guid.NewGuid()}";

        (await shopper.CompleteAsync(first, key)).Expect(HttpStatusCode.OK);
        (await shopper.CompleteAsync(second, key)).ExpectProblem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Fact]
    public async Task Concurrent_completions_with_one_key_sell_once_and_all_get_the_same_order()
    {
        var productId = await target.ProductWithStockAsync(5);
        var shopper = target.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        var key = $"same-{Guid.NewGuid()}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => shopper.CompleteAsync(sessionId, key)));

        Assert.All(answers, a => a.Expect(HttpStatusCode.OK));
        Assert.Single(answers.Select(a => a.Str("orderId")).Distinct());
        Assert.Equal(4, (await shopper.GetAsync($"/api/v1/inventory/{productId}")).Json!["onHand"]!.GetValue<int>());
    }

    [Fact]
    public async Task Not_enough_stock_fails_the_checkout_with_the_short_products_and_sells_nothing()
    {
        var productId = await target.ProductWithStockAsync(1);
        var shopper = target.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 2));

        var response = await shopper.CompleteAsync(sessionId);

        response.ExpectProblem(HttpStatusCode.Conflict, "out_of_stock");
        Assert.Equal("OUT_OF_STOCK", response.Str("checkoutStatus"));
        Assert.Equal(productId, response.Json!["productIds"]![0]!.GetValue<string>());
        var stock = (await shopper.GetAsync($"/api/v1/inventory/{productId}")).Json!;
        Assert.Equal(1, stock["onHand"]!.GetValue<int>());
        Assert.Equal(1, stock["available"]!.GetValue<int>());
        Assert.Empty((await shopper.GetAsync($"/api/v1/orders?shopperId={shopper.ShopperId}")).Json!["items"]!.AsArray());
    }

    [Theory]
    [InlineData(ShopperApiClient.DeclinedCard, "payment_declined")]
    [InlineData(ShopperApiClient.InsufficientFundsCard, "insufficient_funds")]
    public async Task A_declined_card_sells_nothing_and_its_answer_replays(string card, string code)
    {
        var productId = await target.ProductWithStockAsync(5);
        var shopper = target.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(card, (productId, 1));

        // Keys are global: each scenario uses its own.
        var key = $"declined-{Guid.NewGuid()}";
        var first = await shopper.CompleteAsync(sessionId, key);
        var replay = await shopper.CompleteAsync(sessionId, key);
        var fresh = await shopper.CompleteAsync(sessionId, $"another-{Guid.NewGuid()}");

        first.ExpectProblem(HttpStatusCode.PaymentRequired, code);
        Assert.Equal("PAYMENT_DECLINED", first.Str("checkoutStatus"));
        Assert.Equal(first.Body, replay.Body);
        fresh.ExpectProblem(HttpStatusCode.Conflict, "checkout_not_open");
        var stock = (await shopper.GetAsync($"/api/v1/inventory/{productId}")).Json!;
        Assert.Equal(5, stock["onHand"]!.GetValue<int>());
        Assert.Equal(5, stock["available"]!.GetValue<int>());
        Assert.Empty((await shopper.GetAsync($"/api/v1/orders?shopperId={shopper.ShopperId}")).Json!["items"]!.AsArray());
    }

    [Fact]
    public async Task A_gateway_error_sells_nothing_and_leaves_the_checkout_open_for_a_retry()
    {
        var productId = await target.ProductWithStockAsync(5);
        var shopper = target.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.GatewayErrorCard, (productId, 2));

        var key = $"gateway-down-{Guid.NewGuid()}";
        (await shopper.CompleteAsync(sessionId, key)).ExpectProblem(HttpStatusCode.BadGateway, "payment_gateway_error");
        (await shopper.CompleteAsync(sessionId, key)).ExpectProblem(HttpStatusCode.BadGateway, "payment_gateway_error");

        var stock = (await shopper.GetAsync($"/api/v1/inventory/{productId}")).Json!;
        Assert.Equal(5, stock["onHand"]!.GetValue<int>());
        Assert.Equal(5, stock["available"]!.GetValue<int>());
    }

    [Fact]
    public async Task Completing_needs_an_idempotency_key()
    {
        var productId = await target.ProductWithStockAsync(5);
        var shopper = target.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));

        (await shopper.PostJsonAsync($"/api/v1/checkouts/{sessionId}/complete", null))
            .ExpectProblem(HttpStatusCode.BadRequest, "idempotency_key_required");
        (await shopper.CompleteAsync(Guid.NewGuid().ToString())).ExpectProblem(HttpStatusCode.NotFound, "checkout_not_found");
    }
}

[Collection(LegacyCollection.Name)]
public sealed class LegacyCheckoutContract(LegacyTarget target) : CheckoutContract(target);

[Collection(ModularCollection.Name)]
public sealed class ModularCheckoutContract(ModularTarget target) : CheckoutContract(target);
