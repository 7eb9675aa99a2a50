using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Inventory.Contracts;
using CloudScale.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Inventory.Tests;

/// <summary>While legacy owns stock, the facade answers every call through legacy's internal stock API and writes nothing itself.</summary>
public sealed class LegacyOwnerRoutingTests(LegacyOwnerFixture fixture) : IClassFixture<LegacyOwnerFixture>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private FakeStockOwner Legacy => fixture.Legacy;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_reservation_is_held_by_legacy_mapped_field_for_field_and_nothing_is_written_or_published_here()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        (Legacy.Stock[a], Legacy.Stock[b]) = ((10, 0), (4, 1));
        var id = Guid.NewGuid();

        var result = await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(a, 3), new(b, 3)], "checkout-7", TimeSpan.FromSeconds(90)), None));

        Assert.Equal((id, true, Legacy.Now.AddSeconds(90)), (result.ReservationId, result.Reserved, result.ExpiresAt));
        Assert.Empty(result.Shortages);
        Assert.Equal(((10, 3), (4, 4)), (Legacy.Stock[a], Legacy.Stock[b]));
        var sent = Assert.Single(Legacy.ReserveRequests);
        Assert.Equal((id, "checkout-7", 90), (sent.ReservationId, sent.Reference, sent.HoldForSeconds));
        Assert.Equal([new InternalStockLine(a, 3), new InternalStockLine(b, 3)], sent.Lines);
        Assert.Equal(0, await fixture.CountAsync("reservations", "reservation_id = @id", ("id", id)));
        Assert.Equal(0, await fixture.CountAsync("outbox_messages", "key = @key", ("key", id.ToString())));
    }

    [Fact]
    public async Task A_shortage_at_legacy_comes_back_as_the_same_result_the_module_gives()
    {
        var (plenty, scarce) = (Guid.NewGuid(), Guid.NewGuid());
        (Legacy.Stock[plenty], Legacy.Stock[scarce]) = ((10, 0), (3, 1));
        var id = Guid.NewGuid();

        var result = await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(plenty, 5), new(scarce, 3)]), None));

        Assert.False(result.Reserved);
        Assert.Null(result.ExpiresAt);
        Assert.Equal([new StockShortage(scarce, 3, 2)], result.Shortages);
        Assert.Null(Assert.Single(Legacy.ReserveRequests).HoldForSeconds);
        Assert.Equal(((10, 0), (3, 1)), (Legacy.Stock[plenty], Legacy.Stock[scarce]));
    }

    [Fact]
    public async Task Commit_and_release_answer_legacys_states_as_the_contracts_states()
    {
        var product = Guid.NewGuid();
        Legacy.Stock[product] = (10, 0);
        var (sold, givenBack, unknown) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await fixture.Call(m => m.ReserveAsync(new ReserveStock(sold, [new(product, 2)]), None));
        await fixture.Call(m => m.ReserveAsync(new ReserveStock(givenBack, [new(product, 3)]), None));

        Assert.Equal(new CommitResult(sold, true, ReservationState.Committed), await fixture.Call(m => m.CommitAsync(sold, None)));
        Assert.Equal(new CommitResult(sold, true, ReservationState.Committed), await fixture.Call(m => m.CommitAsync(sold, None)));
        Assert.Equal(ReservationState.Committed, await fixture.Call(m => m.ReleaseAsync(sold, "too_late", None)));
        Assert.Equal(ReservationState.Released, await fixture.Call(m => m.ReleaseAsync(givenBack, "payment_declined", None)));
        Assert.Equal(new CommitResult(givenBack, false, ReservationState.Released), await fixture.Call(m => m.CommitAsync(givenBack, None)));
        Assert.Equal(ReservationState.Unknown, await fixture.Call(m => m.ReleaseAsync(unknown, "cancelled", None)));
        Assert.Equal(new CommitResult(unknown, false, ReservationState.Unknown), await fixture.Call(m => m.CommitAsync(unknown, None)));

        Assert.Equal((8, 0), Legacy.Stock[product]);
        Assert.Equal("payment_declined", Legacy.Reservations[givenBack].Reason);
        Assert.Equal(0, await fixture.CountAsync("outbox_messages", "true"));
    }

    [Fact]
    public async Task Levels_are_legacys_and_an_unknown_product_is_the_modules_product_not_found()
    {
        var (known, unknown) = (Guid.NewGuid(), Guid.NewGuid());
        Legacy.Stock[known] = (7, 2);

        var single = await fixture.Call(m => m.GetAvailabilityAsync(known, None));
        var batch = await fixture.Call(m => m.GetAvailabilityAsync([known, unknown], None));
        var missing = await Assert.ThrowsAsync<ApiException>(() => fixture.Call(m => m.GetAvailabilityAsync(unknown, None)));
        var reserve = await Assert.ThrowsAsync<ApiException>(() =>
            fixture.Call(m => m.ReserveAsync(new ReserveStock(Guid.NewGuid(), [new(known, 1), new(unknown, 1)]), None)));

        Assert.Equal(new StockLevel(known, 7, 2, 5), single);
        Assert.Equal([new StockLevel(known, 7, 2, 5)], batch);
        Assert.Equal((404, "product_not_found", $"No product with id '{unknown}'."), (missing.Status, missing.Code, missing.Message));
        Assert.Equal((404, "product_not_found", $"No product with id '{unknown}'."), (reserve.Status, reserve.Code, reserve.Message));
        Assert.Equal((7, 2), Legacy.Stock[known]);
    }

    [Fact]
    public async Task An_invalid_request_is_refused_by_the_modules_own_rules_before_legacy_is_called()
    {
        var product = Guid.NewGuid();
        Legacy.Stock[product] = (5, 0);

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            fixture.Call(m => m.ReserveAsync(new ReserveStock(Guid.NewGuid(), [new(product, 0)]), None)));
        var release = await Assert.ThrowsAsync<ApiException>(() => fixture.Call(m => m.ReleaseAsync(Guid.NewGuid(), " ", None)));

        Assert.Equal((400, "validation_failed"), (error.Status, error.Code));
        Assert.Contains("lines[0].quantity", error.Errors!.Keys);
        Assert.Contains("reason", release.Errors!.Keys);
        Assert.DoesNotContain(Legacy.Calls, call => call.Contains("/reservations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_legacy_says_the_owner_moved_the_owner_is_read_again_and_the_reservation_is_held_locally()
    {
        var product = await InventoryFixture.StockProductAsync(fixture.Database, fixture.Clock, 5);
        var id = Guid.NewGuid();
        Legacy.Before = async context =>
        {
            // A cutover committed between the facade's read and legacy's fence.
            await InventoryFixture.SetOwnerAsync(fixture.Database, StockOwner.Inventory);
            return FakeStockOwner.Problem(409, InternalStockApi.OwnerMovedCode, "not the owner", "inventory");
        };

        var result = await fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(product, 2)]), None));

        Assert.True(result.Reserved);
        Assert.Single(Legacy.Calls);
        Assert.Equal((5, 2), await InventoryFixture.StockRowAsync(fixture.Database, product));
        Assert.Equal("Held", await fixture.Database.ScalarAsync<string>("SELECT status FROM inventory.reservations WHERE reservation_id = @id", ("id", id)));
        Assert.Equal(1, await fixture.CountAsync("outbox_messages", "key = @key", ("key", id.ToString())));
    }

    [Fact]
    public async Task An_owner_that_keeps_moving_is_tried_three_times_then_503_stock_owner_unavailable()
    {
        var product = Guid.NewGuid();
        Legacy.Stock[product] = (5, 0);
        // Legacy says it is not the owner, but the owner row keeps saying legacy: routing never settles.
        Legacy.Before = _ => Task.FromResult<IResult?>(FakeStockOwner.Problem(409, InternalStockApi.OwnerMovedCode, "not the owner"));

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            fixture.Call(m => m.ReserveAsync(new ReserveStock(Guid.NewGuid(), [new(product, 1)]), None)));

        Assert.Equal((503, "stock_owner_unavailable"), (error.Status, error.Code));
        Assert.Equal(3, Legacy.Calls.Count);
        Assert.Equal((5, 0), Legacy.Stock[product]);
    }

    [Fact]
    public async Task A_failing_legacy_is_503_stock_owner_unavailable_never_a_500()
    {
        var product = Guid.NewGuid();
        Legacy.Stock[product] = (5, 0);
        Legacy.Before = _ => Task.FromResult<IResult?>(Results.StatusCode(500));

        var reserve = await Assert.ThrowsAsync<ApiException>(() =>
            fixture.Call(m => m.ReserveAsync(new ReserveStock(Guid.NewGuid(), [new(product, 1)]), None)));
        Legacy.Before = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            return null;
        };
        var slow = await Assert.ThrowsAsync<ApiException>(() => fixture.Call(m => m.CommitAsync(Guid.NewGuid(), None)));

        Assert.Equal((503, "stock_owner_unavailable"), (reserve.Status, reserve.Code));
        Assert.Equal((503, "stock_owner_unavailable"), (slow.Status, slow.Code));
    }

    [Fact]
    public async Task A_legacy_that_is_down_is_503_stock_owner_unavailable()
    {
        // A port nothing listens on: the owner cannot be reached at all.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var services = InventoryFixture.BuildServices(fixture.Database, fixture.Clock, new Dictionary<string, string?>
        {
            ["Inventory:Legacy:BaseAddress"] = $"http://127.0.0.1:{closedPort}/",
        });
        await using var scope = services.CreateAsyncScope();
        var inventory = scope.ServiceProvider.GetRequiredService<IInventoryModule>();

        var level = await Assert.ThrowsAsync<ApiException>(() => inventory.GetAvailabilityAsync(Guid.NewGuid(), None));
        var reserve = await Assert.ThrowsAsync<ApiException>(() => inventory.ReserveAsync(new ReserveStock(Guid.NewGuid(), [new(Guid.NewGuid(), 1)]), None));

        Assert.Equal((503, "stock_owner_unavailable"), (level.Status, level.Code));
        Assert.Equal((503, "stock_owner_unavailable"), (reserve.Status, reserve.Code));
    }

    [Fact]
    public async Task A_reservation_waiting_on_a_cutover_to_legacy_is_routed_to_legacy_once_the_cutover_commits()
    {
        await InventoryFixture.SetOwnerAsync(fixture.Database, StockOwner.Inventory);
        var local = await InventoryFixture.StockProductAsync(fixture.Database, fixture.Clock, 5);
        Legacy.Stock[local] = (5, 0);
        var id = Guid.NewGuid();

        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var cutover = await connection.BeginTransactionAsync();
        await StockOwnership.FreezeAsync(connection, cutover, TimeSpan.FromSeconds(5), None);
        var reserve = fixture.Call(m => m.ReserveAsync(new ReserveStock(id, [new(local, 2)]), None));
        await Task.Delay(500);
        Assert.False(reserve.IsCompleted);
        await using (var flip = connection.CreateCommand())
        {
            flip.Transaction = cutover;
            flip.CommandText = "UPDATE control.data_owners SET owner = 'legacy', epoch = epoch + 1 WHERE domain = 'stock'";
            await flip.ExecuteNonQueryAsync();
        }

        await cutover.CommitAsync();
        var result = await reserve.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(result.Reserved);
        Assert.Equal((5, 2), Legacy.Stock[local]);
        Assert.Equal((5, 0), await InventoryFixture.StockRowAsync(fixture.Database, local));
        Assert.Equal(0, await fixture.CountAsync("reservations", "reservation_id = @id", ("id", id)));
    }
}
