using CloudScale.BuildingBlocks.Control;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Inventory.Tests;

/// <summary>
/// The Inventory module over a fresh database whose stock legacy owns (the control schema's default), with
/// <c>Inventory:Legacy:BaseAddress</c> pointing at a <see cref="FakeStockOwner"/>.
/// </summary>
public sealed class LegacyOwnerFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public FakeStockOwner Legacy { get; private set; } = null!;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("inventory_routing");
        Legacy = await FakeStockOwner.StartAsync();
        Services = InventoryFixture.BuildServices(Database, Clock, new Dictionary<string, string?>
        {
            ["Inventory:Legacy:BaseAddress"] = Legacy.BaseAddress.ToString(),
            ["Inventory:Legacy:StockTimeout"] = "00:00:02",
        });
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Database.MigrateAsync();
        await ControlPlaneSchema.EnsureAsync(Database.DataSource, CancellationToken.None);
    }

    /// <summary>Back to the start of a test: legacy owns, the fake answers every call itself.</summary>
    public async Task ResetAsync()
    {
        await InventoryFixture.SetOwnerAsync(Database, StockOwner.Legacy);
        Legacy.Before = null;
        Legacy.Calls.Clear();
        Legacy.ReserveRequests.Clear();
    }

    public async Task<T> Call<T>(Func<IInventoryModule, Task<T>> call)
    {
        await using var scope = Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IInventoryModule>());
    }

    public Task<long> CountAsync(string table, string where, params (string Name, object Value)[] parameters) =>
        Database.ScalarAsync<long>($"SELECT count(*) FROM inventory.{table} WHERE {where}", parameters);

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Legacy.DisposeAsync();
        await Database.DisposeAsync();
    }
}
