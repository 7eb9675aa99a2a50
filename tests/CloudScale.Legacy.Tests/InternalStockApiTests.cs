using System.Net;
using CloudScale.BuildingBlocks.Control;
using CloudScale.Testing;

namespace CloudScale.Legacy.Tests;

/// <summary>Legacy as stock owner: the internal stock API the Inventory module reserves through.</summary>
public sealed class InternalStockApiTests(StockFixture fixture) : IClassFixture<StockFixture>
{
    private readonly ShopperApiClient api = fixture.Internal;

    [Fact]
    public async Task A_hold_reserves_every_line_and_the_levels_show_it()
    {
        var a = await fixture.Data.TakeProductAsync(onHand: 10);
        var b = await fixture.Data.TakeProductAsync(onHand: 4);
        var id = Guid.NewGuid();

        var held = (await api.ReserveAsync(id, 60, (a, 3), (b, 4))).ExpectOk();

        Assert.True(held.Json!["reserved"]!.GetValue<bool>());
        Assert.Empty(held.Json["shortages"]!.AsArray());
        var expiresAt = held.Json["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddSeconds(50), DateTimeOffset.UtcNow.AddSeconds(61));
        Assert.Equal((10, 3), await fixture.StockAsync(a));
        Assert.Equal((4, 4), await fixture.StockAsync(b));
        Assert.Equal("Held", await fixture.ReservationStatusAsync(id));
        Assert.Equal(0, await fixture.ReservedMismatchesAsync());

        var level = (await api.GetAsync(InternalStockApi.Level(Guid.Parse(a)))).ExpectOk();
        Assert.Equal(7, level.Json!["available"]!.GetValue<int>());
        var levels = (await api.PostJsonAsync(InternalStockApi.Levels, new { productIds = new[] { a, b, Guid.NewGuid().ToString() } })).ExpectOk();
        var items = levels.Json!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => i!["productId"]!.GetValue<string>() == b && i["available"]!.GetValue<int>() == 0 && i["reserved"]!.GetValue<int>() == 4);
    }

    [Fact]
    public async Task Repeating_a_reservation_id_answers_the_first_answer_and_holds_once()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var id = Guid.NewGuid();

        var first = (await api.ReserveAsync(id, 60, (productId, 2))).ExpectOk();
        var repeat = (await api.ReserveAsync(id, 600, (productId, 5))).ExpectOk();

        Assert.True(repeat.Json!["reserved"]!.GetValue<bool>());
        Assert.Equal(first.Json!["expiresAt"]!.GetValue<DateTimeOffset>(), repeat.Json["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal((10, 2), await fixture.StockAsync(productId));
        Assert.Equal(0, await fixture.ReservedMismatchesAsync());
    }

    [Fact]
    public async Task A_shortage_on_one_line_holds_nothing_and_stores_nothing()
    {
        var plenty = await fixture.Data.TakeProductAsync(onHand: 10);
        var scarce = await fixture.Data.TakeProductAsync(onHand: 1);
        var id = Guid.NewGuid();

        var refused = (await api.ReserveAsync(id, 60, (plenty, 2), (scarce, 2))).ExpectOk();

        Assert.False(refused.Json!["reserved"]!.GetValue<bool>());
        Assert.Null(refused.Json["expiresAt"]);
        var shortage = Assert.Single(refused.Json["shortages"]!.AsArray())!;
        Assert.Equal(scarce, shortage["productId"]!.GetValue<string>());
        Assert.Equal(2, shortage["wanted"]!.GetValue<int>());
        Assert.Equal(1, shortage["available"]!.GetValue<int>());
        Assert.Null(await fixture.ReservationStatusAsync(id));
        Assert.Equal((10, 0), await fixture.StockAsync(plenty));
        Assert.Equal((1, 0), await fixture.StockAsync(scarce));

        // Nothing was stored, so the same id is evaluated afresh once it fits.
        (await api.ReserveAsync(id, 60, (plenty, 2))).ExpectOk();
        Assert.Equal("Held", await fixture.ReservationStatusAsync(id));
        Assert.Equal(0, await fixture.ReservedMismatchesAsync());
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_and_holds_nothing()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var id = Guid.NewGuid();

        (await api.ReserveAsync(id, 60, (productId, 1), (Guid.NewGuid().ToString(), 1))).ExpectProblem(HttpStatusCode.NotFound, "product_not_found");
        (await api.GetAsync(InternalStockApi.Level(Guid.NewGuid()))).ExpectProblem(HttpStatusCode.NotFound, "product_not_found");

        Assert.Null(await fixture.ReservationStatusAsync(id));
        Assert.Equal((10, 0), await fixture.StockAsync(productId));
    }

    [Fact]
    public async Task Requests_outside_the_bounds_are_400_validation_problems()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var many = Enumerable.Range(0, 51).Select(_ => (Guid.NewGuid().ToString(), 1)).ToArray();

        foreach (var bad in new[]
                 {
                     await api.ReserveAsync(Guid.NewGuid(), 60, (productId, 0)),
                     await api.ReserveAsync(Guid.NewGuid(), 60, (productId, 1000)),
                     await api.ReserveAsync(Guid.NewGuid(), 60, many),
                     await api.ReserveAsync(Guid.NewGuid(), 60, (productId, 1), (productId, 1)),
                     await api.ReserveAsync(Guid.NewGuid(), 0, (productId, 1)),
                     await api.ReserveAsync(Guid.NewGuid(), 3601, (productId, 1)),
                     await api.ReserveAsync(Guid.Empty, 60, (productId, 1)),
                     await api.ReserveAsync(Guid.NewGuid(), 60),
                     await api.PostJsonAsync(InternalStockApi.Levels, new { productIds = Array.Empty<string>() }),
                 })
        {
            bad.ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        }

        Assert.Equal((10, 0), await fixture.StockAsync(productId));
        Assert.Equal(0, await fixture.Data.CountAsync("stock_reservation_lines", "product_id = @id", ("id", Guid.Parse(productId))));
    }

    [Fact]
    public async Task Commit_sells_the_hold_once_and_a_release_cannot_undo_it()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var id = Guid.NewGuid();
        (await api.ReserveAsync(id, 60, (productId, 3))).ExpectOk();

        var committed = (await api.PostJsonAsync(InternalStockApi.Commit(id), null)).ExpectOk();
        var again = (await api.PostJsonAsync(InternalStockApi.Commit(id), null)).ExpectOk();
        var release = (await api.PostJsonAsync(InternalStockApi.Release(id), new { reason = "too late" })).ExpectOk();

        AssertOutcome(committed, true, "Committed");
        AssertOutcome(again, true, "Committed");
        AssertOutcome(release, false, "Committed");
        Assert.Equal((7, 0), await fixture.StockAsync(productId));
        Assert.Equal("Committed", await fixture.ReservationStatusAsync(id));
        Assert.Equal(0, await fixture.ReservedMismatchesAsync());
    }

    [Fact]
    public async Task Release_gives_the_hold_back_once_and_a_commit_after_it_sells_nothing()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var id = Guid.NewGuid();
        (await api.ReserveAsync(id, 60, (productId, 3))).ExpectOk();

        var released = (await api.PostJsonAsync(InternalStockApi.Release(id), new { reason = "cart abandoned" })).ExpectOk();
        var again = (await api.PostJsonAsync(InternalStockApi.Release(id), null)).ExpectOk();
        var commit = (await api.PostJsonAsync(InternalStockApi.Commit(id), null)).ExpectOk();

        AssertOutcome(released, true, "Released");
        AssertOutcome(again, true, "Released");
        AssertOutcome(commit, false, "Released");
        Assert.Equal((10, 0), await fixture.StockAsync(productId));
        Assert.Equal("cart abandoned", await fixture.Database.ScalarAsync<string>(
            "SELECT release_reason FROM legacy.stock_reservations WHERE reservation_id = @id", ("id", id)));
        Assert.Equal(0, await fixture.ReservedMismatchesAsync());
    }

    [Fact]
    public async Task Unknown_reservations_commit_nothing_and_release_as_a_no_op()
    {
        var id = Guid.NewGuid();

        AssertOutcome((await api.PostJsonAsync(InternalStockApi.Commit(id), null)).ExpectOk(), false, "Unknown");
        AssertOutcome((await api.PostJsonAsync(InternalStockApi.Release(id), null)).ExpectOk(), true, "Unknown");
        (await api.PostJsonAsync($"{InternalStockApi.Prefix}/reservations/not-a-uuid/commit", null))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_commit_after_the_hold_expired_expires_it_instead_of_selling()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var id = Guid.NewGuid();
        (await api.ReserveAsync(id, 1, (productId, 4))).ExpectOk();
        await Task.Delay(1200);

        var commit = (await api.PostJsonAsync(InternalStockApi.Commit(id), null)).ExpectOk();

        AssertOutcome(commit, false, "Expired");
        Assert.Equal((10, 0), await fixture.StockAsync(productId));
        Assert.Equal("Expired", await fixture.ReservationStatusAsync(id));
        Assert.Equal(0, await fixture.ReservedMismatchesAsync());
    }

    [Fact]
    public async Task The_sweeper_expires_due_holds_and_leaves_the_others()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var (due, open) = (Guid.NewGuid(), Guid.NewGuid());
        (await api.ReserveAsync(due, 1, (productId, 2))).ExpectOk();
        (await api.ReserveAsync(open, 600, (productId, 3))).ExpectOk();
        await Task.Delay(1200);

        var (expired, _) = await fixture.Sweeper.SweepAsync(CancellationToken.None);

        Assert.True(expired >= 1, $"expired {expired}");
        Assert.Equal("Expired", await fixture.ReservationStatusAsync(due));
        Assert.Equal("Held", await fixture.ReservationStatusAsync(open));
        Assert.Equal((10, 3), await fixture.StockAsync(productId));
        Assert.Equal(0, await fixture.ReservedMismatchesAsync());
    }

    [Fact]
    public async Task Forty_concurrent_holds_of_one_unit_on_ten_units_hold_exactly_ten()
    {
        var productId = await fixture.Data.TakeProductAsync(onHand: 10);
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();

        var answers = await Task.WhenAll(ids.Select(id => api.ReserveAsync(id, 600, (productId, 1))));

        Assert.All(answers, a => a.ExpectOk());
        Assert.Equal(10, answers.Count(a => a.Json!["reserved"]!.GetValue<bool>()));
        Assert.Equal(10, await fixture.Data.CountAsync("stock_reservations", "reservation_id = ANY(@ids) AND status = 'Held'", ("ids", ids.ToArray())));
        Assert.Equal((10, 10), await fixture.StockAsync(productId));
        Assert.Equal(0, await fixture.ReservedMismatchesAsync());
    }

    private static void AssertOutcome(ApiResponse response, bool done, string state)
    {
        Assert.Equal(done, response.Json!["done"]!.GetValue<bool>());
        Assert.Equal(state, response.Json["state"]!.GetValue<string>());
    }
}
