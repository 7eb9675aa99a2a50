using System.Net;
using CloudScale.BuildingBlocks.Control;
using CloudScale.Testing;
using Npgsql;

namespace CloudScale.Legacy.Tests;

/// <summary>Legacy while the Inventory module owns stock: every stock operation goes through the gateway to the owner.</summary>
public sealed class RemoteStockOwnerTests(RemoteOwnerFixture fixture) : IClassFixture<RemoteOwnerFixture>
{
    [Fact]
    public async Task Inventory_reads_and_cart_availability_come_from_the_owner()
    {
        var productId = await fixture.TakeRemoteProductAsync(onHand: 3);
        var shopper = fixture.NewShopper();

        var level = (await shopper.GetAsync($"/api/v1/inventory/{productId}")).Expect(HttpStatusCode.OK);
        var cartId = await shopper.CreateCartAsync();
        var added = await shopper.AddItemAsync(cartId, productId, 5);

        Assert.Equal(3, level.Json!["onHand"]!.GetValue<int>());
        Assert.Equal(3, level.Json["available"]!.GetValue<int>());
        Assert.False(added["available"]!.GetValue<bool>());
        Assert.Equal("only 3 in stock", added["unavailableReason"]!.GetValue<string>());
        (await shopper.GetAsync($"/api/v1/inventory/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound, "product_not_found");
    }

    [Fact]
    public async Task A_checkout_holds_at_the_owner_records_the_order_and_commits_the_hold()
    {
        var productId = await fixture.TakeRemoteProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 2));

        var completed = (await shopper.CompleteAsync(sessionId)).Expect(HttpStatusCode.OK);

        var orderId = Guid.Parse(completed.Str("orderId"));
        Assert.Equal(1, await fixture.Data.CountAsync("orders", "order_id = @id", ("id", orderId)));
        var hold = Assert.Single(fixture.Owner.HoldsFor($"legacy-checkout:{sessionId}"));
        Assert.Equal("Committed", hold.State);
        Assert.Equal((3, 0), fixture.Owner.Stock(Guid.Parse(productId)));
        Assert.Equal((100, 0), await fixture.StockAsync(productId));
        Assert.Equal(0, await fixture.Data.CountAsync("pending_stock_commits", "order_id = @id", ("id", orderId)));
    }

    [Fact]
    public async Task A_declined_card_releases_the_hold_at_the_owner()
    {
        var productId = await fixture.TakeRemoteProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.DeclinedCard, (productId, 2));

        (await shopper.CompleteAsync(sessionId)).ExpectProblem(HttpStatusCode.PaymentRequired, "payment_declined");

        var hold = Assert.Single(fixture.Owner.HoldsFor($"legacy-checkout:{sessionId}"));
        Assert.Equal("Released", hold.State);
        Assert.Equal((5, 0), fixture.Owner.Stock(Guid.Parse(productId)));
    }

    [Fact]
    public async Task A_shortage_at_the_owner_is_the_same_409_out_of_stock_and_holds_nothing()
    {
        var productId = await fixture.TakeRemoteProductAsync(onHand: 1);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 2));

        var refused = (await shopper.CompleteAsync(sessionId)).ExpectProblem(HttpStatusCode.Conflict, "out_of_stock");

        Assert.Equal(productId, refused.Json!["productIds"]![0]!.GetValue<string>());
        Assert.Equal("OUT_OF_STOCK", refused.Str("checkoutStatus"));
        Assert.Empty(fixture.Owner.HoldsFor($"legacy-checkout:{sessionId}"));
        Assert.Equal((1, 0), fixture.Owner.Stock(Guid.Parse(productId)));
    }

    [Fact]
    public async Task A_commit_the_owner_fails_stays_owed_and_the_sweeper_commits_it_later()
    {
        var productId = await fixture.TakeRemoteProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        fixture.Owner.FailCommits = 1_000;

        var completed = (await shopper.CompleteAsync(sessionId)).Expect(HttpStatusCode.OK);

        var orderId = ("id", (object)Guid.Parse(completed.Str("orderId")));
        Assert.Equal(1, await fixture.Data.CountAsync("orders", "order_id = @id", orderId));
        Assert.Equal(1, await fixture.Data.CountAsync("pending_stock_commits", "order_id = @id AND attempts >= 1 AND last_error IS NOT NULL", orderId));
        Assert.Equal("Held", Assert.Single(fixture.Owner.HoldsFor($"legacy-checkout:{sessionId}")).State);

        fixture.Owner.FailCommits = 0;
        var owed = await StockTestExtensions.EventuallyAsync(
            () => fixture.Data.CountAsync("pending_stock_commits", "order_id = @id", orderId), n => n == 0);

        Assert.Equal(0, owed);
        Assert.Equal("Committed", Assert.Single(fixture.Owner.HoldsFor($"legacy-checkout:{sessionId}")).State);
        Assert.Equal((4, 0), fixture.Owner.Stock(Guid.Parse(productId)));
    }

    [Fact]
    public async Task An_owner_that_moved_back_to_legacy_is_read_again_and_the_sale_is_made_locally()
    {
        var productId = await fixture.TakeRemoteProductAsync(onHand: 5, legacyOnHand: 7);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 2));
        fixture.Owner.MoveOnce(() => fixture.SetOwnerAsync(StockOwner.Legacy));
        try
        {
            (await shopper.CompleteAsync(sessionId)).Expect(HttpStatusCode.OK);

            Assert.Equal("Committed", await fixture.Database.ScalarAsync<string>(
                "SELECT status FROM legacy.stock_reservations WHERE reference = @reference", ("reference", $"legacy-checkout:{sessionId}")));
            Assert.Equal((5, 0), await fixture.StockAsync(productId));
            Assert.Empty(fixture.Owner.HoldsFor($"legacy-checkout:{sessionId}"));
            Assert.Equal((5, 0), fixture.Owner.Stock(Guid.Parse(productId)));
            Assert.Equal(0, await fixture.Data.CountAsync("pending_stock_commits"));
            Assert.Equal(0, await fixture.ReservedMismatchesAsync());
        }
        finally
        {
            await fixture.SetOwnerAsync(StockOwner.Inventory);
        }
    }

    [Fact]
    public async Task A_legacy_sale_waiting_on_a_cutover_to_inventory_completes_at_the_new_owner()
    {
        var productId = await fixture.TakeRemoteProductAsync(onHand: 5, legacyOnHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 1));
        await fixture.SetOwnerAsync(StockOwner.Legacy);

        await using var cutover = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await cutover.BeginTransactionAsync();
        await StockOwnership.FreezeAsync(cutover, transaction, TimeSpan.FromSeconds(5), CancellationToken.None);
        var completing = shopper.CompleteAsync(sessionId);
        await WaitForFenceWaiterAsync();
        await using (var flip = new NpgsqlCommand("UPDATE control.data_owners SET owner = 'inventory', epoch = epoch + 1 WHERE domain = 'stock'", cutover, transaction))
        {
            await flip.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        (await completing).Expect(HttpStatusCode.OK);

        Assert.Equal("Committed", Assert.Single(fixture.Owner.HoldsFor($"legacy-checkout:{sessionId}")).State);
        Assert.Equal((4, 0), fixture.Owner.Stock(Guid.Parse(productId)));
        Assert.Equal((5, 0), await fixture.StockAsync(productId));
    }

    private async Task WaitForFenceWaiterAsync()
    {
        var waiting = await StockTestExtensions.EventuallyAsync(
            () => fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"),
            n => n > 0);
        Assert.True(waiting > 0, "the checkout never queued behind the freeze");
    }
}
