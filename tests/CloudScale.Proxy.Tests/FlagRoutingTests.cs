using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CloudScale.Proxy.Tests.Support;
using Xunit.Abstractions;
using static CloudScale.Proxy.Tests.Support.AdminApi;

namespace CloudScale.Proxy.Tests;

/// <summary>Flag routing through real proxies that share one control plane database, counted at the backends.</summary>
public sealed class FlagRoutingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_shopper_gets_the_same_variant_on_every_request_and_on_both_proxy_instances()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync(proxyCount: 2);
        using var admin = stack.AdminClient();
        var change = await SetPercentAsync(admin, "checkout", 50);
        await WaitUntilLoadedAsync(stack, change);

        var byShopper = new Dictionary<string, string>();
        for (var i = 0; i < 40; i++)
        {
            var shopper = $"sticky-{i}";
            var seen = new HashSet<string>();
            for (var round = 0; round < 3; round++)
            {
                foreach (var proxy in stack.Proxies)
                {
                    var (backend, route) = await RouteAsync(proxy.Client, shopper);
                    Assert.Equal($"checkout={backend}", route);
                    seen.Add(backend);
                }
            }

            byShopper[shopper] = Assert.Single(seen);
        }

        // At 50% both variants occur among 40 shoppers (all one way: probability 2^-39).
        Assert.Equal(["legacy", "modular"], byShopper.Values.Distinct().Order());
    }

    [Fact]
    public async Task At_25_percent_a_quarter_of_10000_shoppers_reach_the_modular_backend()
    {
        const int Shoppers = 10_000;
        await using var stack = await ProxyStack.StartWithControlPlaneAsync();
        using var admin = stack.AdminClient();
        await SetPercentAsync(admin, "checkout", 25);

        var routes = new ConcurrentDictionary<string, int>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, Shoppers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var (backend, route) = await RouteAsync(stack.Client, $"shopper-{i:D5}", "/api/v1/checkouts");
            Assert.Equal($"checkout={backend}", route);
            routes.AddOrUpdate(backend, 1, (_, n) => n + 1);
        });
        watch.Stop();

        var share = (double)stack.Modular.ForwardedRequests / Shoppers;
        output.WriteLine($"{Shoppers} shoppers in {watch.Elapsed.TotalSeconds:0.0} s; modular share {share:P2}");
        Assert.Equal(Shoppers, stack.Modular.ForwardedRequests + stack.Backend.ForwardedRequests);
        Assert.Equal(stack.Modular.ForwardedRequests, routes.GetValueOrDefault("modular"));
        Assert.InRange(share, 0.23, 0.27);
    }

    [Fact]
    public async Task A_flag_change_through_one_proxy_is_seen_by_both_within_2_seconds()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync(proxyCount: 2);
        using var admin = stack.AdminClient();
        Assert.Equal("legacy", (await RouteAsync(stack.Proxies[1].Client, "watcher")).Backend);

        var watch = Stopwatch.StartNew();
        await SetPercentAsync(admin, "inventory", 100);
        var seen = new TimeSpan[stack.Proxies.Count];
        await Task.WhenAll(stack.Proxies.Select(async (proxy, i) =>
        {
            await UntilAsync(async () => (await RouteAsync(proxy.Client, "watcher", "/api/v1/inventory/p-1")).Backend == "modular",
                Propagation, $"proxy {i} routing the change");
            seen[i] = watch.Elapsed;
        }));

        output.WriteLine($"change visible after: {string.Join(", ", seen.Select((t, i) => $"proxy {i} {t.TotalMilliseconds:0} ms"))}");
        Assert.All(seen, elapsed => Assert.True(elapsed < Propagation, $"seen after {elapsed}"));
    }

    [Fact]
    public async Task Rollback_sends_the_very_next_request_to_legacy_and_overrides_win_over_0_and_100_percent()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync();
        using var admin = stack.AdminClient();
        var shoppers = Enumerable.Range(0, 20).Select(i => $"ramp-{i}").ToList();

        await SetPercentAsync(admin, "payment", 100);
        await SendAsync(admin, HttpMethod.Put, "routes/payment/shoppers/pinned-legacy", new { variant = "legacy", reason = "bug 42" });
        foreach (var shopper in shoppers)
        {
            Assert.Equal(("modular", "payment=modular"), await RouteAsync(stack.Client, shopper, "/api/v1/payment-methods"));
        }

        Assert.Equal("legacy", (await RouteAsync(stack.Client, "pinned-legacy", "/api/v1/payment-methods")).Backend);

        await SendAsync(admin, HttpMethod.Put, "routes/payment/shoppers/pinned-modular", new { variant = "modular", reason = "tester" });
        var rollback = await SendAsync(admin, HttpMethod.Post, "routes/payment/rollback", new { reason = "errors" });

        // No waiting: the admin call answers once this proxy routes by the change.
        foreach (var shopper in shoppers)
        {
            Assert.Equal(("legacy", "payment=legacy"), await RouteAsync(stack.Client, shopper, "/api/v1/orders/o-1/refund"));
        }

        Assert.Equal(100, rollback.GetProperty("before").GetProperty("modularPercent").GetDouble());
        Assert.Equal(0, rollback.GetProperty("after").GetProperty("modularPercent").GetDouble());
        Assert.Contains("overrides were kept", rollback.GetProperty("note").GetString());
        Assert.Equal("modular", (await RouteAsync(stack.Client, "pinned-modular", "/api/v1/payment-methods")).Backend);
        Assert.Equal("legacy", (await RouteAsync(stack.Client, "pinned-legacy", "/api/v1/payment-methods")).Backend);
    }

    [Fact]
    public async Task A_group_override_routes_the_groups_members()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync();
        using var admin = stack.AdminClient();

        await SendAsync(admin, HttpMethod.Put, "routes/checkout/groups/testers", new { variant = "modular", reason = "dogfood" });
        await SendAsync(admin, HttpMethod.Put, "groups/testers/members/tess", new { reason = "tester" });

        await UntilAsync(async () => (await RouteAsync(stack.Client, "tess")).Backend == "modular", Propagation, "group member routed to modular");
        Assert.Equal("legacy", (await RouteAsync(stack.Client, "not-a-tester")).Backend);

        await SendAsync(admin, HttpMethod.Delete, "groups/testers/members/tess");
        await UntilAsync(async () => (await RouteAsync(stack.Client, "tess")).Backend == "legacy", Propagation, "removed member back on legacy");
    }

    [Fact]
    public async Task Status_counts_requests_and_5xx_errors_per_variant_and_error_responses_carry_the_route_header()
    {
        await using var stack = await ProxyStack.StartWithControlPlaneAsync();
        using var admin = stack.AdminClient();
        await SendAsync(admin, HttpMethod.Put, "routes/checkout/shoppers/mod-1", new { variant = "modular", reason = "metrics" });

        for (var i = 0; i < 5; i++)
        {
            await RouteAsync(stack.Client, $"leg-{i}");
        }

        for (var i = 0; i < 3; i++)
        {
            await RouteAsync(stack.Client, "mod-1", "/api/v1/orders");
        }

        await RouteAsync(stack.Client, "leg-0", "/api/v1/products");
        using (var failing = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkouts"))
        {
            failing.Headers.Add("X-Shopper-Id", "leg-9");
            failing.Headers.Add(EchoBackend.StatusHeader, "500");
            using var response = await stack.Client.SendAsync(failing);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("checkout=legacy", response.Headers.GetValues("X-CloudScale-Route").Single());
        }

        await stack.Modular.StopAsync();
        using (var unreachable = new HttpRequestMessage(HttpMethod.Get, "/api/v1/carts"))
        {
            unreachable.Headers.Add("X-Shopper-Id", "mod-1");
            using var response = await stack.Client.SendAsync(unreachable);
            var problem = await Problem.ReadAsync(response, HttpStatusCode.BadGateway);
            Assert.Equal("backend_unavailable", problem.Code);
            Assert.Equal("checkout=modular", response.Headers.GetValues("X-CloudScale-Route").Single());
        }

        var traffic = (await RouteStatusAsync(admin, "checkout")).GetProperty("traffic");
        var legacy = traffic.GetProperty("legacy");
        var modular = traffic.GetProperty("modular");
        Assert.Equal((6, 1), (legacy.GetProperty("requests").GetInt64(), legacy.GetProperty("errors").GetInt64()));
        Assert.Equal((4, 1), (modular.GetProperty("requests").GetInt64(), modular.GetProperty("errors").GetInt64()));
        Assert.True(legacy.GetProperty("requestsPerSecond").GetDouble() > 0);
        Assert.True(modular.GetProperty("errorsPerSecond").GetDouble() > 0);
        Assert.True(legacy.GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(legacy.GetProperty("p99Ms").GetDouble() >= legacy.GetProperty("p50Ms").GetDouble());
        var untouched = (await RouteStatusAsync(admin, "inventory")).GetProperty("traffic").GetProperty("legacy");
        Assert.Equal(0, untouched.GetProperty("requests").GetInt64());
        Assert.Equal(JsonValueKindNull, untouched.GetProperty("p50Ms").ValueKind);
    }

    [Fact]
    public async Task With_the_control_database_down_the_proxy_starts_routes_everything_to_legacy_and_the_admin_API_answers_503()
    {
        await using var stack = await ProxyStack.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Control"] = "Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=y;Timeout=2",
            ["ControlPlane:AdminToken"] = ProxyStack.AdminToken,
        });
        using var admin = stack.AdminClient();

        Assert.Equal(("legacy", "checkout=legacy"), await RouteAsync(stack.Client, "anyone"));
        var problem = await Problem.ReadAsync(await admin.GetAsync("status"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("control_plane_unavailable", problem.Code);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    /// <summary>Each proxy's flags provider has loaded the version <paramref name="change"/> produced.</summary>
    private static async Task WaitUntilLoadedAsync(ProxyStack stack, System.Text.Json.JsonElement change)
    {
        var version = change.GetProperty("after").GetProperty("version").GetInt64();
        for (var i = 0; i < stack.Proxies.Count; i++)
        {
            using var admin = stack.AdminClient(i);
            await UntilAsync(async () => (await StatusAsync(admin)).GetProperty("flags").GetProperty("maxVersion").GetInt64() >= version,
                Propagation, $"proxy {i} loading version {version}");
        }
    }
}
