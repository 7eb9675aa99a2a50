using CloudScale.BuildingBlocks.Control;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure.Expiry;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Inventory.Tests;

/// <summary>Inventory's own stock writes and the ownership fence: the sweeper and a cutover's freeze.</summary>
public sealed class OwnershipFenceTests(InventoryFixture fixture) : IClassFixture<InventoryFixture>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ReservationExpirySweeper Sweeper => fixture.Services.GetRequiredService<ReservationExpirySweeper>();

    public Task InitializeAsync() => InventoryFixture.SetOwnerAsync(fixture.Database, StockOwner.Inventory);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_sweeper_expires_nothing_while_legacy_owns_stock_and_expires_again_once_inventory_owns()
    {
        var product = await fixture.StockProductAsync(4);
        var due = Guid.NewGuid();
        await fixture.Call(m => m.ReserveAsync(new ReserveStock(due, [new(product, 3)], HoldFor: TimeSpan.FromSeconds(5)), None));
        fixture.Clock.Now = fixture.Clock.Now.AddSeconds(5);
        await InventoryFixture.SetOwnerAsync(fixture.Database, StockOwner.Legacy);

        var whileLegacyOwns = await Sweeper.SweepAsync(None);

        Assert.Equal(0, whileLegacyOwns);
        Assert.Equal("Held", await fixture.ReservationStatusAsync(due));
        Assert.Equal((4, 3), await fixture.StockRowAsync(product));

        await InventoryFixture.SetOwnerAsync(fixture.Database, StockOwner.Inventory);
        var onceInventoryOwns = await Sweeper.SweepAsync(None);

        Assert.True(onceInventoryOwns >= 1);
        Assert.Equal("Expired", await fixture.ReservationStatusAsync(due));
        Assert.Equal((4, 0), await fixture.StockRowAsync(product));
    }

    [Fact]
    public async Task A_reservation_waits_while_a_cutover_freezes_stock_and_succeeds_once_the_freeze_commits()
    {
        var product = await fixture.StockProductAsync(5);
        var id = Guid.NewGuid();
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var freeze = await connection.BeginTransactionAsync();
        await StockOwnership.FreezeAsync(connection, freeze, TimeSpan.FromSeconds(5), None);

        var reserve = fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(product, 2)]), None));
        await Task.Delay(TimeSpan.FromMilliseconds(700));

        Assert.False(reserve.IsCompleted, "the reservation must wait behind the freeze");
        Assert.Equal((5, 0), await fixture.StockRowAsync(product));
        Assert.Null(await fixture.ReservationStatusAsync(id));

        await freeze.CommitAsync();
        var result = await reserve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(result.Reserved);
        Assert.Equal((5, 2), await fixture.StockRowAsync(product));
        Assert.Equal("Held", await fixture.ReservationStatusAsync(id));
    }
}
