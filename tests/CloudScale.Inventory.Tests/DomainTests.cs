using CloudScale.Inventory.Domain;

namespace CloudScale.Inventory.Tests;

public sealed class DomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Available_is_on_hand_minus_reserved_and_a_hold_beyond_it_is_refused()
    {
        var item = new StockItem(Guid.NewGuid(), 5, Now);
        item.Hold(3, Now);

        Assert.Equal(2, item.Available);
        Assert.False(item.CanHold(3));
        Assert.Throws<InvalidOperationException>(() => item.Hold(3, Now));
        Assert.Equal(3, item.Reserved);
    }

    [Fact]
    public void Selling_takes_units_off_the_shelf_and_out_of_the_hold()
    {
        var item = new StockItem(Guid.NewGuid(), 5, Now);
        item.Hold(2, Now);
        item.Sell(2, Now);

        Assert.Equal((3, 0, 3), (item.OnHand, item.Reserved, item.Available));
        Assert.Throws<InvalidOperationException>(() => item.Sell(1, Now));
    }

    [Fact]
    public void On_hand_cannot_be_set_below_what_is_held()
    {
        var item = new StockItem(Guid.NewGuid(), 5, Now);
        item.Hold(4, Now);

        Assert.False(item.TrySetOnHand(3, Now));
        Assert.True(item.TrySetOnHand(4, Now));
        Assert.Equal(0, item.Available);
    }

    [Fact]
    public void A_reservation_ends_once_and_later_endings_change_nothing()
    {
        var item = new StockItem(Guid.NewGuid(), 5, Now);
        var stock = new Dictionary<Guid, StockItem> { [item.ProductId] = item };
        var (reservation, shortages) = Reservation.TryHold(Guid.NewGuid(), [(item.ProductId, 2)], stock, null, TimeSpan.FromMinutes(10), Now);

        Assert.Empty(shortages);
        Assert.True(reservation!.Release("cancelled", stock, Now));
        Assert.False(reservation.Commit(stock, Now));
        Assert.False(reservation.Expire(stock, Now));
        Assert.Equal((ReservationStatus.Released, 5, 0), (reservation.Status, item.OnHand, item.Reserved));
    }

    [Fact]
    public void A_reservation_with_any_short_line_holds_nothing()
    {
        var (a, b) = (new StockItem(Guid.NewGuid(), 5, Now), new StockItem(Guid.NewGuid(), 1, Now));
        var stock = new Dictionary<Guid, StockItem> { [a.ProductId] = a, [b.ProductId] = b };

        var (reservation, shortages) = Reservation.TryHold(Guid.NewGuid(), [(a.ProductId, 2), (b.ProductId, 2)], stock, null, TimeSpan.FromMinutes(1), Now);

        Assert.Null(reservation);
        Assert.Equal([new Shortage(b.ProductId, 2, 1)], shortages);
        Assert.Equal((0, 0), (a.Reserved, b.Reserved));
    }
}
