using CloudScale.BuildingBlocks.Http;
using CloudScale.Inventory.Contracts;

namespace CloudScale.Inventory.Tests;

public sealed class ReservationTests(InventoryFixture fixture) : IClassFixture<InventoryFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Reserving_holds_every_line_and_stores_the_reservation_with_its_lines()
    {
        var (a, b) = (await fixture.StockProductAsync(10), await fixture.StockProductAsync(4));
        var id = Guid.NewGuid();

        var result = await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(a, 3), new(b, 4)], "checkout-1"), None));

        Assert.True(result.Reserved);
        Assert.Empty(result.Shortages);
        Assert.Equal(fixture.Clock.Now.AddMinutes(10), result.ExpiresAt);
        Assert.Equal((10, 3), await fixture.StockRowAsync(a));
        Assert.Equal((4, 4), await fixture.StockRowAsync(b));
        Assert.Equal("Held", await fixture.ReservationStatusAsync(id));
        Assert.Equal("checkout-1", await fixture.Database.ScalarAsync<string>(
            "SELECT reference FROM inventory.reservations WHERE reservation_id = @id", ("id", id)));
        Assert.Equal(7, await fixture.Database.ScalarAsync<long>(
            "SELECT sum(quantity) FROM inventory.reservation_lines WHERE reservation_id = @id", ("id", id)));
        var levels = await fixture.Call(m => m.GetAvailabilityAsync([a, b], None));
        Assert.Contains(new StockLevel(a, 10, 3, 7), levels);
        Assert.Contains(new StockLevel(b, 4, 4, 0), levels);
    }

    [Fact]
    public async Task A_shortage_on_one_line_holds_nothing_and_names_the_short_line()
    {
        var (plenty, scarce) = (await fixture.StockProductAsync(10), await fixture.StockProductAsync(2));
        var id = Guid.NewGuid();

        var result = await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(plenty, 5), new(scarce, 3)]), None));

        Assert.False(result.Reserved);
        Assert.Null(result.ExpiresAt);
        Assert.Equal([new StockShortage(scarce, 3, 2)], result.Shortages);
        Assert.Equal((10, 0), await fixture.StockRowAsync(plenty));
        Assert.Equal((2, 0), await fixture.StockRowAsync(scarce));
        Assert.Null(await fixture.ReservationStatusAsync(id));
        Assert.Equal(0, await fixture.CountAsync("outbox_messages", "key = @key", ("key", id.ToString())));
    }

    [Fact]
    public async Task A_repeated_reservation_returns_the_first_answer_and_holds_once()
    {
        var product = await fixture.StockProductAsync(5);
        var request = new ReserveStock(Guid.NewGuid(), [new(product, 2)]);

        var first = await fixture.Call(m => m.ReserveAsync(request, None));
        fixture.Clock.Now = fixture.Clock.Now.AddSeconds(5);
        var again = await fixture.Call(m => m.ReserveAsync(request, None));

        Assert.True(first.Reserved);
        Assert.Equal(first.ExpiresAt, again.ExpiresAt);
        Assert.True(again.Reserved);
        Assert.Equal((5, 2), await fixture.StockRowAsync(product));
        Assert.Equal(1, await fixture.CountAsync("outbox_messages", "key = @key", ("key", request.ReservationId.ToString())));
    }

    [Fact]
    public async Task A_refused_reservation_is_not_stored_so_a_repeat_is_evaluated_again()
    {
        var product = await fixture.StockProductAsync(1);
        var request = new ReserveStock(Guid.NewGuid(), [new(product, 2)]);

        var refused = await fixture.Call(m => m.ReserveAsync(request, None));
        await fixture.Database.ExecuteAsync("UPDATE inventory.stock_items SET on_hand = 3 WHERE product_id = @id", ("id", product));
        var repeat = await fixture.Call(m => m.ReserveAsync(request, None));

        Assert.False(refused.Reserved);
        Assert.True(repeat.Reserved);
        Assert.Equal((3, 2), await fixture.StockRowAsync(product));
    }

    [Fact]
    public async Task Committing_sells_the_held_units_and_a_second_commit_is_a_no_op()
    {
        var product = await fixture.StockProductAsync(6);
        var id = Guid.NewGuid();
        await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(product, 4)]), None));

        var first = await fixture.Call(m => m.CommitAsync(id, None));
        var second = await fixture.Call(m => m.CommitAsync(id, None));

        Assert.Equal(new CommitResult(id, true, ReservationState.Committed), first);
        Assert.Equal(new CommitResult(id, true, ReservationState.Committed), second);
        Assert.Equal((2, 0), await fixture.StockRowAsync(product));
        Assert.Equal("Committed", await fixture.ReservationStatusAsync(id));
        Assert.Equal(ReservationState.Committed, await fixture.Call(m => m.ReleaseAsync(id, "too_late", None)));
        Assert.Equal((2, 0), await fixture.StockRowAsync(product));
    }

    [Fact]
    public async Task Releasing_gives_the_units_back_and_a_second_release_is_a_no_op()
    {
        var product = await fixture.StockProductAsync(6);
        var id = Guid.NewGuid();
        await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(product, 4)]), None));

        var first = await fixture.Call(m => m.ReleaseAsync(id, "payment_declined", None));
        var second = await fixture.Call(m => m.ReleaseAsync(id, "payment_declined", None));

        Assert.Equal(ReservationState.Released, first);
        Assert.Equal(ReservationState.Released, second);
        Assert.Equal((6, 0), await fixture.StockRowAsync(product));
        Assert.Equal("payment_declined", await fixture.Database.ScalarAsync<string>(
            "SELECT release_reason FROM inventory.reservations WHERE reservation_id = @id", ("id", id)));
        Assert.Equal(new CommitResult(id, false, ReservationState.Released), await fixture.Call(m => m.CommitAsync(id, None)));
        Assert.Equal((6, 0), await fixture.StockRowAsync(product));
        Assert.Equal(1, await fixture.CountAsync("outbox_messages", "key = @key AND topic = @topic",
            ("key", id.ToString()), ("topic", InventoryTopics.ReservationReleased)));
    }

    [Fact]
    public async Task Releasing_or_committing_an_unknown_reservation_changes_nothing_and_says_unknown()
    {
        var id = Guid.NewGuid();

        Assert.Equal(ReservationState.Unknown, await fixture.Call(m => m.ReleaseAsync(id, "cancelled", None)));
        Assert.Equal(new CommitResult(id, false, ReservationState.Unknown), await fixture.Call(m => m.CommitAsync(id, None)));
        Assert.Null(await fixture.ReservationStatusAsync(id));
    }

    [Fact]
    public async Task An_unknown_product_is_refused_with_product_not_found_like_legacy()
    {
        var known = await fixture.StockProductAsync(5);
        var unknown = Guid.NewGuid();

        var single = await Assert.ThrowsAsync<ApiException>(() => fixture.Call(m => m.GetAvailabilityAsync(unknown, None)));
        var reserve = await Assert.ThrowsAsync<ApiException>(() =>
            fixture.Call(m => m.ReserveAsync(new ReserveStock(Guid.NewGuid(), [new(known, 1), new(unknown, 1)]), None)));
        var batch = await fixture.Call(m => m.GetAvailabilityAsync([known, unknown], None));

        Assert.Equal((404, "product_not_found", $"No product with id '{unknown}'."), (single.Status, single.Code, single.Message));
        Assert.Equal((404, "product_not_found"), (reserve.Status, reserve.Code));
        Assert.Equal((5, 0), await fixture.StockRowAsync(known));
        Assert.Equal([new StockLevel(known, 5, 0, 5)], batch);
    }

    public static TheoryData<string, Func<Guid, ReserveStock>> InvalidReservations => new()
    {
        { "lines[0].quantity", p => new ReserveStock(Guid.NewGuid(), [new(p, 0)]) },
        { "lines[0].quantity", p => new ReserveStock(Guid.NewGuid(), [new(p, 1000)]) },
        { "lines", _ => new ReserveStock(Guid.NewGuid(), []) },
        { "lines[1].productId", p => new ReserveStock(Guid.NewGuid(), [new(p, 1), new(p, 2)]) },
        { "holdFor", p => new ReserveStock(Guid.NewGuid(), [new(p, 1)], HoldFor: TimeSpan.FromMilliseconds(500)) },
        { "holdFor", p => new ReserveStock(Guid.NewGuid(), [new(p, 1)], HoldFor: TimeSpan.FromHours(25)) },
        { "reservationId", p => new ReserveStock(Guid.Empty, [new(p, 1)]) },
    };

    [Theory]
    [MemberData(nameof(InvalidReservations))]
    public async Task An_invalid_reservation_is_refused_as_validation_failed_naming_the_field_and_changes_nothing(
        string field, Func<Guid, ReserveStock> build)
    {
        var product = await fixture.StockProductAsync(5);
        var request = build(product);

        var error = await Assert.ThrowsAsync<ApiException>(() => fixture.Call(m => m.ReserveAsync(request, None)));

        Assert.Equal((400, "validation_failed"), (error.Status, error.Code));
        Assert.Contains(field, error.Errors!.Keys);
        Assert.Equal((5, 0), await fixture.StockRowAsync(product));
        Assert.Null(await fixture.ReservationStatusAsync(request.ReservationId));
    }

    [Fact]
    public async Task A_release_without_a_reason_is_refused_naming_reason()
    {
        var product = await fixture.StockProductAsync(5);
        var id = Guid.NewGuid();
        await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(product, 1)]), None));

        var error = await Assert.ThrowsAsync<ApiException>(() => fixture.Call(m => m.ReleaseAsync(id, " ", None)));

        Assert.Equal((400, "validation_failed"), (error.Status, error.Code));
        Assert.Contains("reason", error.Errors!.Keys);
        Assert.Equal("Held", await fixture.ReservationStatusAsync(id));
    }

    [Fact]
    public async Task Fifty_concurrent_reservations_of_one_unit_against_five_on_hand_hold_exactly_five()
    {
        var product = await fixture.StockProductAsync(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            fixture.Call(m => m.ReserveAsync(new ReserveStock(Guid.NewGuid(), [new(product, 1)]), None)))));

        Assert.Equal(5, results.Count(r => r.Reserved));
        Assert.All(results.Where(r => !r.Reserved), r => Assert.Equal([new StockShortage(product, 1, 0)], r.Shortages));
        Assert.Equal((5, 5), await fixture.StockRowAsync(product));
        Assert.Equal(5, await fixture.CountAsync("reservation_lines", "product_id = @id", ("id", product)));
    }

    [Fact]
    public async Task Commit_and_release_racing_each_other_end_the_reservation_exactly_once()
    {
        for (var round = 0; round < 10; round++)
        {
            var product = await fixture.StockProductAsync(3);
            var id = Guid.NewGuid();
            await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(product, 2)]), None));

            var commit = Task.Run(() => fixture.Call(m => m.CommitAsync(id, None)));
            var release = Task.Run(() => fixture.Call(m => m.ReleaseAsync(id, "cancelled", None)));
            var (committed, released) = (await commit, await release);

            if (committed.Committed)
            {
                Assert.Equal(ReservationState.Committed, released);
                Assert.Equal("Committed", await fixture.ReservationStatusAsync(id));
                Assert.Equal((1, 0), await fixture.StockRowAsync(product));
            }
            else
            {
                Assert.Equal(ReservationState.Released, released);
                Assert.Equal(ReservationState.Released, committed.State);
                Assert.Equal("Released", await fixture.ReservationStatusAsync(id));
                Assert.Equal((3, 0), await fixture.StockRowAsync(product));
            }

            Assert.Equal(2, await fixture.CountAsync("outbox_messages", "key = @key", ("key", id.ToString())));
        }
    }
}
