using System.Net;
using CloudScale.BuildingBlocks.Control;
using CloudScale.Testing;

namespace CloudScale.Legacy.Tests;

/// <summary>Legacy after stock moved to Inventory, with the Inventory host unreachable.</summary>
public sealed class StockNotOwnedTests(UnreachableOwnerFixture fixture) : IClassFixture<UnreachableOwnerFixture>
{
    private readonly ShopperApiClient api = fixture.Internal;

    [Fact]
    public async Task Every_internal_stock_endpoint_answers_409_stock_owner_moved()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var id = Guid.NewGuid();

        var answers = new[]
        {
            await api.GetAsync(InternalStockApi.Level(Guid.Parse(productId))),
            await api.PostJsonAsync(InternalStockApi.Levels, new { productIds = new[] { productId } }),
            await api.ReserveAsync(id, 60, (productId, 1)),
            await api.PostJsonAsync(InternalStockApi.Commit(id), null),
            await api.PostJsonAsync(InternalStockApi.Release(id), null),
        };

        Assert.All(answers, a => a.ExpectProblem(HttpStatusCode.Conflict, InternalStockApi.OwnerMovedCode));
        Assert.Null(await fixture.ReservationStatusAsync(id));
        Assert.Equal((10, 0), await fixture.StockAsync(productId));
    }

    [Fact]
    public async Task An_unreachable_owner_is_a_503_for_shoppers_and_checkout_stays_open_to_retry()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var shopper = fixture.NewShopper();
        var cartId = await shopper.CreateCartAsync();

        (await shopper.GetAsync($"/api/v1/inventory/{productId}")).ExpectProblem(HttpStatusCode.ServiceUnavailable, "stock_owner_unavailable");
        (await shopper.PostJsonAsync($"/api/v1/carts/{cartId}/items", new { productId, quantity = 1 }))
            .ExpectProblem(HttpStatusCode.ServiceUnavailable, "stock_owner_unavailable");

        // Stage the cart directly: adding an item needs the owner's availability answer.
        await fixture.Database.ExecuteAsync("INSERT INTO legacy.cart_items (cart_id, product_id, quantity) VALUES (@cart, @product, 2)",
            ("cart", Guid.Parse(cartId)), ("product", Guid.Parse(productId)));
        var sessionId = await shopper.StartCheckoutAsync(cartId, await shopper.RegisterCardAsync());
        (await shopper.CompleteAsync(sessionId, "owner-down")).ExpectProblem(HttpStatusCode.ServiceUnavailable, "stock_owner_unavailable");

        var session = ("id", (object)Guid.Parse(sessionId));
        Assert.Equal(1, await fixture.Data.CountAsync("checkout_sessions", "checkout_session_id = @id AND status = 'OPEN'", session));
        Assert.Equal(0, await fixture.Data.CountAsync("idempotency_keys", "checkout_session_id = @id", session));
        Assert.Equal(0, await fixture.Data.CountAsync("payments", "checkout_session_id = @id", session));

        // Stock comes back to legacy: the same key now completes, locally.
        await fixture.SetOwnerAsync(StockOwner.Legacy);
        try
        {
            (await shopper.CompleteAsync(sessionId, "owner-down")).Expect(HttpStatusCode.OK);
            Assert.Equal((8, 0), await fixture.StockAsync(productId));
        }
        finally
        {
            await fixture.SetOwnerAsync(StockOwner.Inventory);
        }
    }

    [Fact]
    public async Task The_sweeper_leaves_holds_alone_while_legacy_does_not_own_stock()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var id = Guid.NewGuid();
        await fixture.SetOwnerAsync(StockOwner.Legacy);
        try
        {
            (await api.ReserveAsync(id, 1, (productId, 2))).ExpectOk();
        }
        finally
        {
            await fixture.SetOwnerAsync(StockOwner.Inventory);
        }

        await Task.Delay(1200);
        var (expired, _) = await fixture.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(0, expired);
        Assert.Equal("Held", await fixture.ReservationStatusAsync(id));
        Assert.Equal((10, 2), await fixture.StockAsync(productId));
    }
}
