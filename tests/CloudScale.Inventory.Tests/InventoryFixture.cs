using CloudScale.BuildingBlocks.Control;
using CloudScale.Inventory.Contracts;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.Inventory.Tests;

/// <summary>
/// The Inventory module composed as a host composes it, over a fresh database with its migrations applied, on a
/// clock the tests move. Each test class gets its own, so one class's expiry sweep cannot touch another's holds.
/// </summary>
public sealed class InventoryFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("inventory");
        Services = BuildServices(Database, Clock);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Database.MigrateAsync();
        await EnsureControlPlaneAsync(Database, StockOwner.Inventory);
    }

    /// <summary>
    /// The control schema as a host creates it at start (owner: legacy), then <paramref name="owner"/> made the stock
    /// owner, as a cutover leaves it.
    /// </summary>
    public static async Task EnsureControlPlaneAsync(TestDatabase database, StockOwner owner)
    {
        await ControlPlaneSchema.EnsureAsync(database.DataSource, CancellationToken.None);
        await SetOwnerAsync(database, owner);
    }

    public static Task SetOwnerAsync(TestDatabase database, StockOwner owner) =>
        database.ExecuteAsync("UPDATE control.data_owners SET owner = @owner WHERE domain = 'stock'", ("owner", StockOwnership.ToWire(owner)));

    /// <summary>The module's services over <paramref name="database"/>, with extra settings on top of the test defaults.</summary>
    public static ServiceProvider BuildServices(
        TestDatabase database, TimeProvider clock, IDictionary<string, string?>? settings = null, Action<IServiceCollection, IConfiguration>? more = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Modules"] = database.ConnectionString,
            ["Inventory:ReservationTtl"] = "00:10:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
        services.AddInventoryModule(configuration);
        more?.Invoke(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Runs <paramref name="call"/> against the facade in a scope of its own, as one host request would.</summary>
    public async Task<T> Call<T>(Func<IInventoryModule, Task<T>> call)
    {
        await using var scope = Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IInventoryModule>());
    }

    /// <summary>A product Inventory stocks, <paramref name="onHand"/> on the shelf and nothing held.</summary>
    public Task<Guid> StockProductAsync(int onHand) => StockProductAsync(Database, Clock, onHand);

    public static async Task<Guid> StockProductAsync(TestDatabase database, TimeProvider clock, int onHand)
    {
        var productId = Guid.NewGuid();
        await database.ExecuteAsync(
            "INSERT INTO inventory.stock_items (product_id, on_hand, reserved, updated_at) VALUES (@id, @onHand, 0, @at)",
            ("id", productId), ("onHand", onHand), ("at", clock.GetUtcNow()));
        return productId;
    }

    /// <summary>The stock row as stored.</summary>
    public Task<(int OnHand, int Reserved)> StockRowAsync(Guid productId) => StockRowAsync(Database, productId);

    public static async Task<(int OnHand, int Reserved)> StockRowAsync(TestDatabase database, Guid productId)
    {
        await using var command = database.DataSource.CreateCommand("SELECT on_hand, reserved FROM inventory.stock_items WHERE product_id = @id");
        command.Parameters.AddWithValue("id", productId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no stock row for {productId}");
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>The reservation's stored status, or null when there is no row.</summary>
    public Task<string?> ReservationStatusAsync(Guid reservationId) =>
        Database.ScalarAsync<string>("SELECT status FROM inventory.reservations WHERE reservation_id = @id", ("id", reservationId));

    public Task<long> CountAsync(string table, string where, params (string Name, object Value)[] parameters) =>
        Database.ScalarAsync<long>($"SELECT count(*) FROM inventory.{table} WHERE {where}", parameters);

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
