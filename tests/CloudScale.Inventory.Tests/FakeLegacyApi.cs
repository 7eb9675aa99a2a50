using System.Collections.Concurrent;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudScale.Inventory.Tests;

/// <summary>
/// The two legacy endpoints the backfill reads, shaped like the monolith's, over stock the test sets; on a real socket.
/// Also counts stock reads in flight, so a test can see the parallelism bound.
/// </summary>
public sealed class FakeLegacyApi : IAsyncDisposable
{
    private readonly LoopbackApp app;
    private int inFlight;
    private int maxInFlight;

    private FakeLegacyApi(LoopbackApp app) => this.app = app;

    /// <summary>Product id → on hand, in catalogue order.</summary>
    public ConcurrentDictionary<Guid, int> OnHand { get; } = new();

    public Uri BaseAddress => app.BaseAddress;

    public int MaxInFlight => maxInFlight;

    public static async Task<FakeLegacyApi> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var web = builder.Build();
        FakeLegacyApi? api = null;
        web.MapGet("/api/v1/products", (int page, int pageSize) =>
        {
            var all = api!.OnHand.Keys.Order().ToList();
            var items = all.Skip((page - 1) * pageSize).Take(pageSize)
                .Select(id => new { productId = id, sku = $"SKU-{id:N}", name = "A product", priceCents = 100, currency = "EUR" });
            return Results.Ok(new { items, page, pageSize, totalCount = all.Count });
        });
        web.MapGet("/api/v1/inventory/{productId:guid}", async (Guid productId) =>
        {
            var now = Interlocked.Increment(ref api!.inFlight);
            InterlockedMax(ref api.maxInFlight, now);
            try
            {
                await Task.Delay(2);
                return api.OnHand.TryGetValue(productId, out var onHand)
                    ? Results.Ok(new { productId, onHand, reserved = 1, available = onHand - 1 })
                    : Results.NotFound(new { code = "product_not_found" });
            }
            finally
            {
                Interlocked.Decrement(ref api.inFlight);
            }
        });
        api = new FakeLegacyApi(await LoopbackApp.StartAsync(web));
        return api;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
