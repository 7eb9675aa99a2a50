using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CloudScale.BuildingBlocks.Http;
using StackExchange.Redis;

namespace CloudScale.Checkout.Tests;

/// <summary>The modules with the cart cache on a redis-server of the fixture's own, which a test may kill.</summary>
public sealed class OwnRedisFixture : ModulesFixture
{
    private Process? redis;

    public string Endpoint { get; private set; } = "";

    public async Task<bool> CachedAsync(Guid cartId)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(Endpoint);
        return await connection.GetDatabase().KeyExistsAsync("checkout:cart:" + cartId.ToString("N"));
    }

    public void KillRedis()
    {
        redis!.Kill();
        redis.WaitForExit();
    }

    protected override async Task BeforeStartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Endpoint = $"127.0.0.1:{port}";
        redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _ = redis.StandardOutput.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }
        }
    }

    protected override Task AfterStopAsync()
    {
        if (redis is { HasExited: false })
        {
            redis.Kill();
        }

        redis?.Dispose();
        return Task.CompletedTask;
    }

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Checkout:Redis"] = Endpoint };
}

public sealed class RedisOutageTests(OwnRedisFixture fixture) : IClassFixture<OwnRedisFixture>
{
    [Fact]
    public async Task With_redis_killed_carts_still_read_and_change_and_a_checkout_completes()
    {
        var first = await fixture.NewProductAsync(onHand: 10);
        var second = await fixture.NewProductAsync(onHand: 10);
        var shopperId = ShopperId.New();
        var cart = await fixture.Checkout(c => c.CreateCartAsync(shopperId, CancellationToken.None));
        await fixture.Checkout(c => c.AddItemAsync(cart.CartId, first.ToString(), 1, CancellationToken.None));
        await fixture.Checkout(c => c.GetCartAsync(cart.CartId, CancellationToken.None));
        Assert.True(await fixture.CachedAsync(cart.CartId), "the read should have filled the cache");

        fixture.KillRedis();

        var read = await fixture.Checkout(c => c.GetCartAsync(cart.CartId, CancellationToken.None));
        var added = await fixture.Checkout(c => c.AddItemAsync(cart.CartId, second.ToString(), 2, CancellationToken.None));
        var reread = await fixture.Checkout(c => c.GetCartAsync(cart.CartId, CancellationToken.None));
        var card = await fixture.RegisterCardAsync(shopperId, ModulesFixture.ApprovedCard);
        var started = await fixture.Checkout(c => c.StartCheckoutAsync(new Contracts.StartCheckout(cart.CartId.ToString(), ModulesFixture.Address, card.ToString()), CancellationToken.None));
        var completion = await fixture.CompleteAsync(started.CheckoutSessionId);
        var afterCheckout = await fixture.Checkout(c => c.GetCartAsync(cart.CartId, CancellationToken.None));

        Assert.Equal([first], read.Items.Select(i => i.ProductId));
        Assert.Equal([first, second], added.Cart.Items.Select(i => i.ProductId));
        Assert.Equal([first, second], reread.Items.Select(i => i.ProductId));
        Assert.Equal("CONFIRMED", completion.Status);
        Assert.Equal("CHECKED_OUT", afterCheckout.Status);
    }
}
