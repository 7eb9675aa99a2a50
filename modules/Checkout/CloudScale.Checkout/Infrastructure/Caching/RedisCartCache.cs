using System.Collections.Concurrent;
using System.Text.Json;
using CloudScale.Checkout.Application;
using CloudScale.Checkout.Contracts;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CloudScale.Checkout.Infrastructure.Caching;

/// <summary>
/// Carts in Redis (StackExchange.Redis 1.2.6), never on the request's critical path: every call is bounded by
/// <see cref="CallTimeout"/>, and a failure is a miss. After a failure Redis is skipped for <see cref="SkipFor"/>,
/// and an outage is logged once when it starts and once when it ends. Invalidations that could not reach Redis are
/// kept and replayed before the next read is served from it, so a Redis that comes back cannot serve a stale cart.
/// </summary>
internal sealed class RedisCartCache(string endpoint, TimeProvider clock, ILogger<RedisCartCache> logger) : ICartCache, IDisposable
{
    /// <summary>Entries expire on their own too: a bound on staleness should an invalidation race a fill.</summary>
    private static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SkipFor = TimeSpan.FromSeconds(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim connecting = new(1, 1);
    private readonly ConcurrentDictionary<Guid, byte> pendingInvalidations = new();
    private ConnectionMultiplexer? redis;
    private long skipUntilTicks;
    private int inOutage;

    public async Task<CartView?> GetAsync(Guid cartId, CancellationToken cancellationToken)
    {
        if (!await FlushPendingInvalidationsAsync())
        {
            return null;
        }

        var (ok, value) = await TryAsync(db => db.StringGetAsync(Key(cartId)));
        return ok && value.HasValue ? JsonSerializer.Deserialize<CartView>((string)value!, Json) : null;
    }

    public async Task SetAsync(CartView cart, CancellationToken cancellationToken) =>
        await TryAsync(db => db.StringSetAsync(Key(cart.CartId), JsonSerializer.Serialize(cart, Json), EntryLifetime));

    public async Task InvalidateAsync(Guid cartId, CancellationToken cancellationToken)
    {
        var (ok, _) = await TryAsync(db => db.KeyDeleteAsync(Key(cartId)));
        if (!ok)
        {
            pendingInvalidations.TryAdd(cartId, 0);
        }
    }

    public void Dispose()
    {
        redis?.Dispose();
        connecting.Dispose();
    }

    private static RedisKey Key(Guid cartId) => "checkout:cart:" + cartId.ToString("N");

    private async Task<bool> FlushPendingInvalidationsAsync()
    {
        foreach (var cartId in pendingInvalidations.Keys)
        {
            var (ok, _) = await TryAsync(db => db.KeyDeleteAsync(Key(cartId)));
            if (!ok)
            {
                return false;
            }

            pendingInvalidations.TryRemove(cartId, out _);
        }

        return true;
    }

    private async Task<(bool Ok, T Value)> TryAsync<T>(Func<IDatabase, Task<T>> call)
    {
        if (clock.GetUtcNow().UtcTicks < Interlocked.Read(ref skipUntilTicks))
        {
            return (false, default!);
        }

        try
        {
            var connection = await ConnectAsync();
            var value = await call(connection.GetDatabase()).WaitAsync(CallTimeout);
            if (Interlocked.Exchange(ref inOutage, 0) == 1)
            {
                logger.LogInformation("Redis cart cache at {Endpoint} answers again", endpoint);
            }

            return (true, value);
        }
        catch (Exception ex)
        {
            Interlocked.Exchange(ref skipUntilTicks, (clock.GetUtcNow() + SkipFor).UtcTicks);
            if (Interlocked.Exchange(ref inOutage, 1) == 0)
            {
                logger.LogWarning("Redis cart cache at {Endpoint} failed ({Error}: {Message}); serving carts from PostgreSQL, trying Redis again every {Seconds} s",
                    endpoint, ex.GetType().Name, ex.Message, SkipFor.TotalSeconds);
            }

            return (false, default!);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (redis is { } connected)
        {
            return connected;
        }

        await connecting.WaitAsync();
        try
        {
            // AbortOnConnectFail=false: the multiplexer is returned even while Redis is down and reconnects by itself.
            var options = new ConfigurationOptions
            {
                AbortOnConnectFail = false,
                ConnectTimeout = 1000,
                SyncTimeout = 1000,
                ConnectRetry = 1,
                KeepAlive = 5,
            };
            options.EndPoints.Add(endpoint);
            if (redis is null)
            {
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(TimeSpan.FromSeconds(3));
                // Completions run on the thread pool rather than in order on the reader thread: nothing here needs the order.
                multiplexer.PreserveAsyncOrder = false;
                redis = multiplexer;
            }

            return redis;
        }
        finally
        {
            connecting.Release();
        }
    }
}
