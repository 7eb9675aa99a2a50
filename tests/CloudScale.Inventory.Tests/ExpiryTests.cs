using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure.Expiry;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Inventory.Tests;

public sealed class ExpiryTests(InventoryFixture fixture) : IClassFixture<InventoryFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private ReservationExpirySweeper Sweeper => fixture.Services.GetRequiredService<ReservationExpirySweeper>();

    [Fact]
    public async Task The_sweeper_expires_a_hold_past_its_expiry_gives_the_units_back_and_records_why()
    {
        var product = await fixture.StockProductAsync(4);
        var (due, fresh) = (Guid.NewGuid(), Guid.NewGuid());
        await fixture.Call(m => m.ReserveAsync(new ReserveStock(due, [new(product, 2)], HoldFor: TimeSpan.FromSeconds(30)), None));
        await fixture.Call(m => m.ReserveAsync(new ReserveStock(fresh, [new(product, 1)], HoldFor: TimeSpan.FromHours(1)), None));

        Assert.Equal(0, await Sweeper.SweepAsync(None));
        fixture.Clock.Now = fixture.Clock.Now.AddSeconds(30);
        var expired = await Sweeper.SweepAsync(None);

        Assert.True(expired >= 1);
        Assert.Equal("Expired", await fixture.ReservationStatusAsync(due));
        Assert.Equal("Held", await fixture.ReservationStatusAsync(fresh));
        Assert.Equal((4, 1), await fixture.StockRowAsync(product));
        Assert.Equal(1, await fixture.CountAsync("outbox_messages", "key = @key AND topic = @topic",
            ("key", due.ToString()), ("topic", InventoryTopics.ReservationReleased)));
        Assert.Equal(new CommitResult(due, false, ReservationState.Expired), await fixture.Call(m => m.CommitAsync(due, None)));
        Assert.Equal(ReservationState.Expired, await fixture.Call(m => m.ReleaseAsync(due, "cancelled", None)));
        Assert.Equal((4, 1), await fixture.StockRowAsync(product));
    }

    [Fact]
    public async Task Committing_a_hold_past_its_expiry_that_the_sweeper_has_not_reached_expires_it_instead()
    {
        var product = await fixture.StockProductAsync(4);
        var id = Guid.NewGuid();
        await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(product, 3)], HoldFor: TimeSpan.FromSeconds(5)), None));
        fixture.Clock.Now = fixture.Clock.Now.AddSeconds(5);

        var result = await fixture.Call(m => m.CommitAsync(id, None));

        Assert.Equal(new CommitResult(id, false, ReservationState.Expired), result);
        Assert.Equal("Expired", await fixture.ReservationStatusAsync(id));
        Assert.Equal((4, 0), await fixture.StockRowAsync(product));
    }

    [Fact]
    public async Task A_sweep_expires_more_holds_than_one_batch_in_several_transactions()
    {
        var product = await fixture.StockProductAsync(240);
        var ids = Enumerable.Range(0, 120).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(product, 2)], HoldFor: TimeSpan.FromSeconds(1)), None));
        }

        fixture.Clock.Now = fixture.Clock.Now.AddSeconds(1);
        await Sweeper.SweepAsync(None);

        Assert.Equal(0, await fixture.CountAsync("reservations", "reservation_id = ANY(@ids) AND status <> 'Expired'", ("ids", ids.ToArray())));
        Assert.Equal((240, 0), await fixture.StockRowAsync(product));
    }
}
