using System.Net;
using CloudScale.BuildingBlocks.Control;
using CloudScale.Testing;

namespace CloudScale.Legacy.Tests;

/// <summary>A cutover's freeze pauses legacy's stock writes; they wait and then complete.</summary>
public sealed class StockFreezeTests(StockFixture fixture) : IClassFixture<StockFixture>
{
    [Fact]
    public async Task A_checkout_waits_for_a_freeze_and_completes_after_it_commits()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 5);
        var shopper = fixture.NewShopper();
        var sessionId = await shopper.PrepareCheckoutAsync(ShopperApiClient.ApprovedCard, (productId, 2));

        await using var cutover = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await cutover.BeginTransactionAsync();
        await StockOwnership.FreezeAsync(cutover, transaction, TimeSpan.FromSeconds(5), CancellationToken.None);
        var completing = shopper.CompleteAsync(sessionId);
        await Task.Delay(1000);

        Assert.False(completing.IsCompleted, "the checkout did not wait for the freeze");
        Assert.Equal((5, 0), await fixture.StockAsync(productId));
        await transaction.CommitAsync();

        (await completing).Expect(HttpStatusCode.OK);
        Assert.Equal((3, 0), await fixture.StockAsync(productId));
    }

    [Fact]
    public async Task A_hold_through_the_internal_api_waits_for_a_freeze_too()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 5);
        var id = Guid.NewGuid();

        await using var cutover = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await cutover.BeginTransactionAsync();
        await StockOwnership.FreezeAsync(cutover, transaction, TimeSpan.FromSeconds(5), CancellationToken.None);
        var holding = fixture.Internal.ReserveAsync(id, 60, (productId, 1));
        await Task.Delay(500);

        Assert.False(holding.IsCompleted, "the hold did not wait for the freeze");
        await transaction.CommitAsync();

        Assert.True((await holding).ExpectOk().Json!["reserved"]!.GetValue<bool>());
        Assert.Equal((5, 1), await fixture.StockAsync(productId));
    }
}
