using System.Net;
using CloudScale.BuildingBlocks.Control;
using CloudScale.Legacy.Stock;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudScale.Legacy.Tests;

/// <summary>Legacy owning stock, with the background stock sweeper effectively off (tests run sweeps themselves).</summary>
public class StockFixture : LegacyFixture
{
    public ShopperApiClient Internal => new(Legacy.CreateClient());

    internal StockSweeper Sweeper => Legacy.App.Services.GetServices<IHostedService>().OfType<StockSweeper>().Single();

    public Task SetOwnerAsync(StockOwner owner) =>
        Database.ExecuteAsync("UPDATE control.data_owners SET owner = @owner WHERE domain = 'stock'", ("owner", StockOwnership.ToWire(owner)));

    /// <summary>Products whose <c>reserved</c> is not the sum of their Held lines; must always be none.</summary>
    public async Task<long> ReservedMismatchesAsync() => await Database.ScalarAsync<long>("""
        SELECT count(*) FROM legacy.stock_levels s
        WHERE s.reserved <> coalesce((SELECT sum(l.quantity) FROM legacy.stock_reservation_lines l
                                      JOIN legacy.stock_reservations r ON r.reservation_id = l.reservation_id
                                      WHERE r.status = 'Held' AND l.product_id = s.product_id), 0)
        """);

    public async Task<(int OnHand, int Reserved)> StockAsync(string productId)
    {
        var id = ("id", (object)Guid.Parse(productId));
        return (await Database.ScalarAsync<int>("SELECT on_hand FROM legacy.stock_levels WHERE product_id = @id", id),
            await Database.ScalarAsync<int>("SELECT reserved FROM legacy.stock_levels WHERE product_id = @id", id));
    }

    public async Task<string?> ReservationStatusAsync(Guid reservationId) =>
        await Database.ScalarAsync<string>("SELECT status FROM legacy.stock_reservations WHERE reservation_id = @id", ("id", reservationId));

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration["Legacy:StockSweepInterval"] = "01:00:00";
    }
}

/// <summary>
/// Inventory owning stock, served by <see cref="FakeInventoryOwner"/>; the stock sweeper retries owed commits every
/// 200 ms.
/// </summary>
public sealed class RemoteOwnerFixture : StockFixture, IAsyncLifetime
{
    public FakeInventoryOwner Owner { get; private set; } = null!;

    public new async Task InitializeAsync()
    {
        Owner = await FakeInventoryOwner.StartAsync();
        await base.InitializeAsync();
        await SetOwnerAsync(StockOwner.Inventory);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Owner.DisposeAsync();
    }

    /// <summary>A legacy product also stocked at the owner with <paramref name="onHand"/> (legacy keeps its own count).</summary>
    public async Task<string> TakeRemoteProductAsync(int onHand, int legacyOnHand = 100)
    {
        var productId = await Data.TakeProductAsync(legacyOnHand);
        Owner.SetStock(Guid.Parse(productId), onHand);
        return productId;
    }

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration["Legacy:Inventory:BaseAddress"] = Owner.BaseAddress.ToString();
        builder.Configuration["Legacy:Inventory:Timeout"] = "00:00:05";
        builder.Configuration["Legacy:StockSweepInterval"] = "00:00:00.200";
    }
}

/// <summary>Inventory owning stock at an address where nothing listens.</summary>
public sealed class UnreachableOwnerFixture : StockFixture, IAsyncLifetime
{
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SetOwnerAsync(StockOwner.Inventory);
    }

    protected override void Configure(WebApplicationBuilder builder)
    {
        base.Configure(builder);
        builder.Configuration["Legacy:Inventory:BaseAddress"] = "http://127.0.0.1:9/";
        builder.Configuration["Legacy:Inventory:Timeout"] = "00:00:02";
    }
}

internal static class StockTestExtensions
{
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    public static Task<ApiResponse> ReserveAsync(this ShopperApiClient client, Guid reservationId, int? holdForSeconds, params (string ProductId, int Quantity)[] lines) =>
        client.PostJsonAsync(InternalStockApi.Reservations, new
        {
            reservationId,
            lines = lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity }).ToArray(),
            reference = "test",
            holdForSeconds,
        });

    public static ApiResponse ExpectOk(this ApiResponse response) => response.Expect(HttpStatusCode.OK);
}
