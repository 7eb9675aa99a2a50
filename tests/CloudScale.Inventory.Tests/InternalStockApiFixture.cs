using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Http;
using CloudScale.BuildingBlocks.ShopperApi;
using CloudScale.Inventory.Infrastructure;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudScale.Inventory.Tests;

/// <summary>
/// The module's internal stock API served as the host serves it (the host's HTTP conventions, then
/// <see cref="InventoryModule.MapInternalStockApi"/>) on a real socket, over a fresh database Inventory owns.
/// Background services are left out so the tests decide when anything expires.
/// </summary>
public sealed class InternalStockApiFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    public LoopbackApp App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("inventory_internal");
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Modules"] = Database.ConnectionString,
        });
        builder.AddShopperApi();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddInventoryModule(builder.Configuration);
        builder.Services.RemoveAll<IHostedService>();
        var app = builder.Build();
        app.UseCloudScaleHttpConventions();
        InventoryModule.MapInternalStockApi(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Database.MigrateAsync();
        }

        await InventoryFixture.EnsureControlPlaneAsync(Database, StockOwner.Inventory);
        App = await LoopbackApp.StartAsync(app);
        Http = App.CreateClient();
    }

    public Task<Guid> StockProductAsync(int onHand) => InventoryFixture.StockProductAsync(Database, Clock, onHand);

    public Task<(int OnHand, int Reserved)> StockRowAsync(Guid productId) => InventoryFixture.StockRowAsync(Database, productId);

    public Task<string?> ReservationStatusAsync(Guid reservationId) =>
        Database.ScalarAsync<string>("SELECT status FROM inventory.reservations WHERE reservation_id = @id", ("id", reservationId));

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
