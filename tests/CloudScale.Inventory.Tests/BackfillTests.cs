using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Application.Backfill;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Inventory.Tests;

/// <summary>Stock copied from a fake legacy HTTP API (the only route legacy data may take into the module).</summary>
public sealed class BackfillTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private TestDatabase database = null!;
    private FakeLegacyApi legacy = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("inventory_backfill");
        legacy = await FakeLegacyApi.StartAsync();
        services = InventoryFixture.BuildServices(database, clock, new Dictionary<string, string?>
        {
            ["Inventory:Legacy:BaseAddress"] = legacy.BaseAddress.ToString(),
            ["Inventory:Legacy:Parallelism"] = "4",
        });
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Database.MigrateAsync();
        // The backfill copies legacy's stock while legacy owns it (the default a host starts with).
        await InventoryFixture.EnsureControlPlaneAsync(database, StockOwner.Legacy);
    }

    [Fact]
    public async Task The_backfill_inserts_every_legacy_product_and_a_second_run_changes_nothing()
    {
        for (var i = 0; i < 230; i++)
        {
            legacy.OnHand[Guid.NewGuid()] = i % 17;
        }

        var first = await InventoryModule.BackfillStockFromLegacyAsync(services, None);
        var second = await InventoryModule.BackfillStockFromLegacyAsync(services, None);

        Assert.Equal((230, 230, 0, 0), (first.Products, first.Inserted, first.Updated, first.Unchanged));
        Assert.Empty(first.Conflicts);
        Assert.Equal((230, 0, 0, 230), (second.Products, second.Inserted, second.Updated, second.Unchanged));
        Assert.Equal(230L, await database.ScalarAsync<long>("SELECT count(*) FROM inventory.stock_items"));
        foreach (var (productId, onHand) in legacy.OnHand.Take(20))
        {
            // Legacy's own reserved count (1 in the fake) is legacy's business: Inventory starts with nothing held.
            Assert.Equal((onHand, 0), await InventoryFixture.StockRowAsync(database, productId));
        }

        Assert.InRange(legacy.MaxInFlight, 1, 4);
    }

    [Fact]
    public async Task The_backfill_updates_changed_counts_but_never_below_what_inventory_holds()
    {
        var (grows, shrinks, belowHeld, same) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { grows, shrinks, belowHeld, same })
        {
            legacy.OnHand[id] = 10;
        }

        await InventoryModule.BackfillStockFromLegacyAsync(services, None);
        // Holds Inventory made while it owned stock (a cutover back to legacy leaves them in Inventory's rows).
        await InventoryFixture.SetOwnerAsync(database, StockOwner.Inventory);
        await using (var scope = services.CreateAsyncScope())
        {
            var inventory = scope.ServiceProvider.GetRequiredService<IInventoryModule>();
            Assert.True((await inventory.ReserveAsync(new ReserveStock(Guid.NewGuid(), [new(belowHeld, 6), new(shrinks, 2)]), None)).Reserved);
        }

        await InventoryFixture.SetOwnerAsync(database, StockOwner.Legacy);

        (legacy.OnHand[grows], legacy.OnHand[shrinks], legacy.OnHand[belowHeld]) = (15, 4, 5);
        var report = await InventoryModule.BackfillStockFromLegacyAsync(services, None);

        Assert.Equal((4, 0, 2, 1), (report.Products, report.Inserted, report.Updated, report.Unchanged));
        Assert.Equal([belowHeld], report.Conflicts);
        Assert.Equal((15, 0), await InventoryFixture.StockRowAsync(database, grows));
        Assert.Equal((4, 2), await InventoryFixture.StockRowAsync(database, shrinks));
        Assert.Equal((10, 6), await InventoryFixture.StockRowAsync(database, belowHeld));
        Assert.Equal((10, 0), await InventoryFixture.StockRowAsync(database, same));
    }

    [Fact]
    public async Task The_backfill_is_refused_while_inventory_owns_stock_and_changes_nothing()
    {
        var (known, fresh) = (Guid.NewGuid(), Guid.NewGuid());
        legacy.OnHand[known] = 10;
        await InventoryModule.BackfillStockFromLegacyAsync(services, None);
        await InventoryFixture.SetOwnerAsync(database, StockOwner.Inventory);
        (legacy.OnHand[known], legacy.OnHand[fresh]) = (3, 7);

        var error = await Assert.ThrowsAsync<ApiException>(() => InventoryModule.BackfillStockFromLegacyAsync(services, None));

        Assert.Equal((409, "stock_owned_by_inventory"), (error.Status, error.Code));
        Assert.Contains("owns stock", error.Message, StringComparison.Ordinal);
        Assert.Equal((10, 0), await InventoryFixture.StockRowAsync(database, known));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM inventory.stock_items WHERE product_id = @id", ("id", fresh)));
    }

    [Fact]
    public async Task An_upsert_batch_that_a_cutover_overtook_is_refused_by_the_fence_and_writes_nothing()
    {
        var product = Guid.NewGuid();
        await InventoryFixture.SetOwnerAsync(database, StockOwner.Inventory);
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<ModuleMediator<InventoryDbContext>>();

        var moved = await Assert.ThrowsAsync<StockOwnerMovedException>(() => mediator.Send(new UpsertStock([new LegacyStock(product, 5)]), None));

        Assert.Equal(StockOwner.Inventory, moved.Owner);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM inventory.stock_items WHERE product_id = @id", ("id", product)));
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await legacy.DisposeAsync();
        await database.DisposeAsync();
    }
}
