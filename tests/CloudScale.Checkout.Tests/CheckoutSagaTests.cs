using System.Text.Json;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Checkout.Contracts;
using CloudScale.Testing;

namespace CloudScale.Checkout.Tests;

public sealed class CheckoutSagaTests(ModulesFixture fixture) : IClassFixture<ModulesFixture>
{
    private static string Json(CheckoutCompletion completion) => JsonSerializer.Serialize(completion);

    [Fact]
    public async Task A_checkout_confirms_the_order_captures_the_payment_commits_the_stock_and_checks_the_cart_out()
    {
        var productId = await fixture.NewProductAsync(onHand: 5, priceCents: 2000);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.ApprovedCard, (productId, 2));
        CorrelationId.Current = "corr-" + Guid.NewGuid().ToString("N");

        var completion = await fixture.CompleteAsync(sessionId);

        Assert.Equal("CONFIRMED", completion.Status);
        Assert.Equal(CorrelationId.Current, completion.CorrelationId);
        var order = await fixture.Checkout(c => c.GetOrderAsync(completion.OrderId!.Value, CancellationToken.None));
        Assert.Equal("CONFIRMED", order.Status);
        Assert.Equal(4000, order.SubtotalCents);
        Assert.Equal(499, order.ShippingCents);
        Assert.Equal(4499, order.TotalCents);
        Assert.Equal("CAPTURED", order.Payment!.Status);
        Assert.Equal("4242", order.Payment.Last4);
        Assert.Equal((3, 0), await fixture.StockAsync(productId));
        Assert.Equal(1, await fixture.CountAsync("inventory.reservations", "reservation_id = (SELECT reservation_id FROM checkout.sagas WHERE checkout_session_id = @id) AND status = 'Committed'", ("id", sessionId)));
        var cartId = await CartOf(sessionId);
        Assert.Equal("CHECKED_OUT", (await fixture.Checkout(c => c.GetCartAsync(cartId, CancellationToken.None))).Status);
        Assert.Equal(1, await fixture.CountAsync("checkout.outbox_messages", "key = @key AND topic = 'checkout.order_created.v1'", ("key", order.OrderId.ToString())));
        var listed = await fixture.Checkout(c => c.ListOrdersAsync(order.ShopperId, CancellationToken.None));
        Assert.Equal(order.OrderId, Assert.Single(listed).OrderId);
    }

    [Fact]
    public async Task A_declined_card_makes_no_order_releases_the_reservation_and_captures_nothing()
    {
        var productId = await fixture.NewProductAsync(onHand: 5);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.DeclinedCard, (productId, 2));

        var first = await fixture.CompleteAsync(sessionId, "declined-" + sessionId);
        var replay = await fixture.CompleteAsync(sessionId, "declined-" + sessionId);
        var fresh = await ModulesFixture.ProblemAsync(() => fixture.CompleteAsync(sessionId, "another-" + sessionId));

        Assert.Equal("PAYMENT_DECLINED", first.Status);
        Assert.Equal("payment_declined", first.Code);
        Assert.Null(first.OrderId);
        Assert.Equal(Json(first), Json(replay));
        Assert.Equal((409, "checkout_not_open"), (fresh.Status, fresh.Code));
        Assert.Equal(0, await fixture.CountAsync("checkout.orders", "checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal("Released", await fixture.StringAsync(
            "SELECT r.status FROM inventory.reservations r JOIN checkout.sagas s ON s.reservation_id = r.reservation_id WHERE s.checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal((5, 0), await fixture.StockAsync(productId));
        Assert.Equal("DECLINED", await fixture.StringAsync(
            "SELECT p.status FROM payment.payments p JOIN checkout.sagas s ON s.payment_id = p.payment_id WHERE s.checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal(0, await fixture.CountAsync("payment.payments", "status = 'CAPTURED' AND payment_id IN (SELECT payment_id FROM checkout.sagas WHERE checkout_session_id = @id)", ("id", sessionId)));
    }

    [Fact]
    public async Task Insufficient_funds_is_its_own_code()
    {
        var productId = await fixture.NewProductAsync(onHand: 5);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.InsufficientFundsCard, (productId, 1));

        var completion = await fixture.CompleteAsync(sessionId);

        Assert.Equal(("PAYMENT_DECLINED", "insufficient_funds"), (completion.Status, completion.Code));
        Assert.Equal((5, 0), await fixture.StockAsync(productId));
    }

    [Fact]
    public async Task A_gateway_error_on_authorisation_sells_nothing_stores_nothing_and_leaves_the_checkout_open()
    {
        var productId = await fixture.NewProductAsync(onHand: 5);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.AuthorizeGatewayErrorCard, (productId, 2));

        var problem = await ModulesFixture.ProblemAsync(() => fixture.CompleteAsync(sessionId, "gateway-down-" + sessionId));

        Assert.Equal((502, "payment_gateway_error"), (problem.Status, problem.Code));
        Assert.Equal((5, 0), await fixture.StockAsync(productId));
        Assert.Equal(0, await fixture.CountAsync("checkout.orders", "checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal(0, await fixture.CountAsync("checkout.idempotency_keys", "checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal(1, await fixture.CountAsync("checkout.checkout_sessions", "checkout_session_id = @id AND status = 'OPEN'", ("id", sessionId)));
        Assert.Equal("Released", await fixture.StringAsync(
            "SELECT r.status FROM inventory.reservations r JOIN checkout.sagas s ON s.reservation_id = r.reservation_id WHERE s.checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal(0, await fixture.CountAsync("payment.payments", "status IN ('AUTHORIZED', 'CAPTURED') AND payment_id IN (SELECT payment_id FROM checkout.sagas WHERE checkout_session_id = @id)", ("id", sessionId)));
        // The same key may be retried: it is refused the same way, never charged twice.
        var retry = await ModulesFixture.ProblemAsync(() => fixture.CompleteAsync(sessionId, "gateway-down-" + sessionId));
        Assert.Equal("payment_gateway_error", retry.Code);
    }

    [Fact]
    public async Task A_gateway_error_on_capture_voids_the_payment_releases_the_stock_and_fails_the_order()
    {
        var productId = await fixture.NewProductAsync(onHand: 5);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.CaptureFailsCard, (productId, 2));

        var completion = await fixture.CompleteAsync(sessionId);

        Assert.Equal(("FAILED", "payment_gateway_error"), (completion.Status, completion.Code));
        Assert.Equal("VOIDED", await fixture.StringAsync(
            "SELECT p.status FROM payment.payments p JOIN checkout.sagas s ON s.payment_id = p.payment_id WHERE s.checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal("Released", await fixture.StringAsync(
            "SELECT r.status FROM inventory.reservations r JOIN checkout.sagas s ON s.reservation_id = r.reservation_id WHERE s.checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal("FAILED", await fixture.StringAsync("SELECT status FROM checkout.orders WHERE checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal("FAILED", await fixture.StringAsync("SELECT status FROM checkout.checkout_sessions WHERE checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal((5, 0), await fixture.StockAsync(productId));
    }

    [Fact]
    public async Task Not_enough_stock_names_the_short_products_and_holds_nothing()
    {
        var plenty = await fixture.NewProductAsync(onHand: 10);
        var scarce = await fixture.NewProductAsync(onHand: 1);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.ApprovedCard, (plenty, 1), (scarce, 2));

        var completion = await fixture.CompleteAsync(sessionId);

        Assert.Equal(("OUT_OF_STOCK", "out_of_stock"), (completion.Status, completion.Code));
        Assert.Equal([scarce], completion.ProductIds);
        Assert.Equal((10, 0), await fixture.StockAsync(plenty));
        Assert.Equal(0, await fixture.CountAsync("payment.payments", "payment_id IN (SELECT payment_id FROM checkout.sagas WHERE checkout_session_id = @id)", ("id", sessionId)));
    }

    [Fact]
    public async Task The_same_key_replays_the_answer_and_a_new_key_for_a_completed_checkout_is_refused_with_the_order()
    {
        var productId = await fixture.NewProductAsync(onHand: 5);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.ApprovedCard, (productId, 1));
        CorrelationId.Current = "first-attempt";
        var first = await fixture.CompleteAsync(sessionId, "replay-" + sessionId);

        CorrelationId.Current = "second-attempt";
        var replay = await fixture.CompleteAsync(sessionId, "replay-" + sessionId);
        var fresh = await ModulesFixture.ProblemAsync(() => fixture.CompleteAsync(sessionId, "new-" + sessionId));

        Assert.Equal(Json(first), Json(replay));
        Assert.Equal("first-attempt", replay.CorrelationId);
        Assert.Equal((409, "checkout_already_completed"), (fresh.Status, fresh.Code));
        Assert.Equal(first.OrderId, fresh.Extensions!["orderId"]);
        Assert.Equal((4, 0), await fixture.StockAsync(productId));
    }

    [Fact]
    public async Task Concurrent_completions_with_one_key_sell_once_and_all_get_the_same_order()
    {
        var productId = await fixture.NewProductAsync(onHand: 10);
        var sessionId = await fixture.PrepareCheckoutAsync(ModulesFixture.ApprovedCard, (productId, 3));

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => fixture.CompleteAsync(sessionId, "one-key-" + sessionId))));

        Assert.All(answers, a => Assert.Equal("CONFIRMED", a.Status));
        Assert.Single(answers.Select(a => a.OrderId).Distinct());
        Assert.Equal((7, 0), await fixture.StockAsync(productId));
        Assert.Equal(1, await fixture.CountAsync("checkout.orders", "checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal(1, await fixture.CountAsync("checkout.sagas", "checkout_session_id = @id", ("id", sessionId)));
        Assert.Equal(1, await fixture.CountAsync("payment.payments", "status = 'CAPTURED' AND payment_id IN (SELECT payment_id FROM checkout.sagas WHERE checkout_session_id = @id)", ("id", sessionId)));
    }

    [Fact]
    public async Task A_key_already_used_for_another_checkout_is_refused()
    {
        var productId = await fixture.NewProductAsync(onHand: 10);
        var first = await fixture.PrepareCheckoutAsync(ModulesFixture.ApprovedCard, (productId, 1));
        var second = await fixture.PrepareCheckoutAsync(ModulesFixture.ApprovedCard, (productId, 1));
        var key = "shared-" + first;
        Assert.Equal("CONFIRMED", (await fixture.CompleteAsync(first, key)).Status);

        var problem = await ModulesFixture.ProblemAsync(() => fixture.CompleteAsync(second, key));

        Assert.Equal((422, "idempotency_key_reused"), (problem.Status, problem.Code));
        Assert.Equal((9, 0), await fixture.StockAsync(productId));
    }

    [Fact]
    public async Task Fifty_shoppers_racing_for_five_units_get_exactly_five_orders()
    {
        var productId = await fixture.NewProductAsync(onHand: 5);
        var sessions = new List<Guid>();
        foreach (var _ in Enumerable.Range(0, 50))
        {
            sessions.Add(await fixture.PrepareCheckoutAsync(ModulesFixture.ApprovedCard, (productId, 1)));
        }

        var answers = await Task.WhenAll(sessions.Select(s => Task.Run(() => fixture.CompleteAsync(s))));

        Assert.Equal(5, answers.Count(a => a.Status == "CONFIRMED"));
        Assert.Equal(45, answers.Count(a => a.Status == "OUT_OF_STOCK"));
        var sessionIds = sessions.ToArray();
        Assert.Equal(5, await fixture.CountAsync("checkout.orders", "checkout_session_id = ANY(@ids) AND status = 'CONFIRMED'", ("ids", sessionIds)));
        Assert.Equal(5, await fixture.CountAsync("payment.payments", "status = 'CAPTURED' AND payment_id IN (SELECT payment_id FROM checkout.sagas WHERE checkout_session_id = ANY(@ids))", ("ids", sessionIds)));
        Assert.Equal((0, 0), await fixture.StockAsync(productId));
    }

    [Fact]
    public async Task A_refund_returns_the_money_once_and_marks_order_and_payment()
    {
        var productId = await fixture.NewProductAsync(onHand: 5, priceCents: 6000);
        var orderId = (await fixture.CompleteAsync(await fixture.PrepareCheckoutAsync(ModulesFixture.ApprovedCard, (productId, 1)))).OrderId!.Value;

        var refund = await fixture.Checkout(c => c.RefundOrderAsync(orderId, CancellationToken.None));
        var again = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c => c.RefundOrderAsync(orderId, CancellationToken.None)));

        Assert.Equal(("REFUNDED", 6000L), (refund.Status, refund.RefundedCents));
        Assert.Equal((409, "order_already_refunded"), (again.Status, again.Code));
        var order = await fixture.Checkout(c => c.GetOrderAsync(orderId, CancellationToken.None));
        Assert.Equal(("REFUNDED", "REFUNDED", 6000L), (order.Status, order.Payment!.Status, order.Payment.RefundedCents));
        Assert.Equal(0, order.ShippingCents);
    }

    [Fact]
    public async Task Checkout_needs_a_non_empty_cart_and_the_shoppers_own_card()
    {
        var productId = await fixture.NewProductAsync(onHand: 4);
        var ada = ShopperId.New();
        var cart = await fixture.Checkout(c => c.CreateCartAsync(ada, CancellationToken.None));
        var adasCard = await fixture.RegisterCardAsync(ada, ModulesFixture.ApprovedCard);
        var gracesCard = await fixture.RegisterCardAsync(ShopperId.New(), ModulesFixture.ApprovedCard);

        var empty = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c =>
            c.StartCheckoutAsync(new StartCheckout(cart.CartId.ToString(), ModulesFixture.Address, adasCard.ToString()), CancellationToken.None)));
        await fixture.Checkout(c => c.AddItemAsync(cart.CartId, productId.ToString(), 1, CancellationToken.None));
        var foreign = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c =>
            c.StartCheckoutAsync(new StartCheckout(cart.CartId.ToString(), ModulesFixture.Address, gracesCard.ToString()), CancellationToken.None)));
        var invalid = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c =>
            c.StartCheckoutAsync(new StartCheckout("nope", ModulesFixture.Address with { Country = "gb" }, null), CancellationToken.None)));

        Assert.Equal((409, "cart_empty"), (empty.Status, empty.Code));
        Assert.Equal((404, "payment_method_not_found"), (foreign.Status, foreign.Code));
        Assert.Equal((400, "validation_failed"), (invalid.Status, invalid.Code));
        Assert.Equal(["cartId", "paymentMethodId", "shippingAddress.country"], invalid.Errors!.Keys.Order());
        Assert.Equal(0, await fixture.CountAsync("checkout.checkout_sessions", "cart_id = @id", ("id", cart.CartId)));
    }

    [Theory]
    [InlineData(1000, 499)]
    [InlineData(5000, 0)]
    public async Task The_summary_charges_shipping_below_the_free_threshold(long priceCents, long shippingCents)
    {
        var productId = await fixture.NewProductAsync(onHand: 4, priceCents: priceCents);
        var shopper = ShopperId.New();
        var cart = await fixture.Checkout(c => c.CreateCartAsync(shopper, CancellationToken.None));
        await fixture.Checkout(c => c.AddItemAsync(cart.CartId, productId.ToString(), 1, CancellationToken.None));
        var card = await fixture.RegisterCardAsync(shopper, ModulesFixture.ApprovedCard);

        var started = await fixture.Checkout(c => c.StartCheckoutAsync(new StartCheckout(cart.CartId.ToString(), ModulesFixture.Address, card.ToString()), CancellationToken.None));

        Assert.Equal((priceCents, shippingCents, priceCents + shippingCents), (started.Summary.SubtotalCents, started.Summary.ShippingCents, started.Summary.TotalCents));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has spaces")]
    public async Task Listing_orders_needs_a_valid_shopper_id(string? shopperId)
    {
        var problem = await ModulesFixture.ProblemAsync(() => fixture.Checkout(c => c.ListOrdersAsync(shopperId, CancellationToken.None)));
        Assert.Equal((400, "validation_failed"), (problem.Status, problem.Code));
    }

    private async Task<Guid> CartOf(Guid sessionId) =>
        Guid.Parse((await fixture.StringAsync("SELECT cart_id::text FROM checkout.checkout_sessions WHERE checkout_session_id = @id", ("id", sessionId)))!);
}
