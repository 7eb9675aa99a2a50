using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudScale.DevStack.SchemaRegistry;
using CloudScale.Host;
using CloudScale.Legacy;
using CloudScale.Proxy;
using CloudScale.Testing;

namespace CloudScale.EndToEnd;

/// <summary>
/// The whole migration as it runs in production, on real sockets over ONE fresh PostgreSQL database: the legacy
/// monolith, the modular host (its stock gateway and legacy adapter pointing at each other), the schema registry
/// stand-in, and TWO strangler proxies sharing one control plane. Nothing is faked.
/// </summary>
public class MigrationStackFixture : IAsyncLifetime
{
    public const string AdminToken = "e2e-admin-token-0123456789abcdef";

    public TestDatabase Database { get; private set; } = null!;

    public LegacyData Data { get; private set; } = null!;

    public LoopbackApp Legacy { get; private set; } = null!;

    public LoopbackApp Host { get; private set; } = null!;

    public LoopbackApp Registry { get; private set; } = null!;

    public LoopbackApp ProxyA { get; private set; } = null!;

    public LoopbackApp ProxyB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("e2e_migration");
        Data = new LegacyData(Database);
        // Each app gets a bounded pool, as in production: 100 shoppers must queue for connections, not exhaust the server.
        var connections = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString) { MaxPoolSize = 40 }.ConnectionString;
        Registry = await LoopbackApp.StartAsync(RegistryApp.Create(LoopbackApp.Args(
            ("ConnectionStrings:SchemaRegistry", Database.ConnectionString), ("Logging:LogLevel:Default", "Warning"))));
        var hostPort = LoopbackHosting.FreePort();
        Legacy = await LoopbackApp.StartAsync(LegacyApp.Create(LoopbackApp.Args(
            ("ConnectionStrings:Legacy", connections),
            ("Legacy:MigrateOnStartup", "true"),
            ("Legacy:SeedDemoData", "true"),
            ("Legacy:DemoProductCount", "60"),
            ("Legacy:Inventory:BaseAddress", $"http://127.0.0.1:{hostPort}/"),
            ("Logging:LogLevel:Default", "Warning"))));
        Host = await LoopbackApp.StartAsync(
            HostApp.Create(LoopbackApp.Args([.. ModularHostSettings.For(Database, Legacy.BaseAddress, Registry.BaseAddress), ("ConnectionStrings:Modules", connections)])),
            hostPort);
        ProxyA = await StartProxyAsync(connections);
        ProxyB = await StartProxyAsync(connections);
    }

    private async Task<LoopbackApp> StartProxyAsync(string connections) =>
        await LoopbackApp.StartAsync(ProxyApp.Create(LoopbackApp.Args(
            ("ReverseProxy:Clusters:legacy:Destinations:primary:Address", Legacy.BaseAddress.ToString()),
            ("ReverseProxy:Clusters:modular:Destinations:primary:Address", Host.BaseAddress.ToString()),
            ("ConnectionStrings:Control", connections),
            ("ControlPlane:AdminToken", AdminToken),
            ("Logging:LogLevel:Default", "Warning"))));

    /// <summary>A shopper with their own id, talking to <paramref name="proxy"/> (proxy A by default).</summary>
    public ShopperApiClient Shopper(string shopperId, LoopbackApp? proxy = null) => new((proxy ?? ProxyA).CreateClient(), shopperId);

    /// <summary>The proxy's admin API as the CLI calls it.</summary>
    public async Task<JsonObject> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var http = ProxyA.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(60);
        using var request = new HttpRequestMessage(method, "/_cloudscale/" + path)
        {
            Content = body is null ? null : JsonContent.Create(body, options: JsonSerializerOptions.Web),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        request.Headers.Add("X-CloudScale-Actor", "e2e-test");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// Sets checkout AND payment to <paramref name="percent"/> (one seed for every route flag: the same shoppers move
    /// for both, so a shopper's payment method lives on the side that checks them out) and waits until proxy A routes
    /// a probe shopper by the new flags.
    /// </summary>
    public async Task RouteCheckoutAndPaymentAsync(double percent)
    {
        await AdminAsync(HttpMethod.Put, "routes/checkout", new { percent, reason = "e2e" });
        await AdminAsync(HttpMethod.Put, "routes/payment", new { percent, reason = "e2e" });
    }

    /// <summary>The variant proxy <paramref name="proxy"/> routes <paramref name="shopperId"/>'s checkout to, read from X-CloudScale-Route.</summary>
    public async Task<string> CheckoutRouteOfAsync(string shopperId, LoopbackApp? proxy = null)
    {
        var response = await Shopper(shopperId, proxy).GetAsync("/api/v1/carts/" + Guid.Empty);
        var route = response.Headers.TryGetValue("X-CloudScale-Route", out var value) ? value : "";
        return route.StartsWith("checkout=", StringComparison.Ordinal)
            ? route["checkout=".Length..]
            : throw new InvalidOperationException($"no checkout route header on a cart request (got '{route}')");
    }

    /// <summary>
    /// <paramref name="count"/> new shopper ids routed to legacy and as many routed to modular, found by asking the
    /// proxy (so the split is the proxy's own decision, not a guess at its hashing). Waits for a flag change to land.
    /// </summary>
    public async Task<(List<string> Legacy, List<string> Modular)> ShoppersOnEachSideAsync(int count)
    {
        var legacy = new List<string>();
        var modular = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((legacy.Count < count || modular.Count < count) && DateTime.UtcNow < deadline)
        {
            var id = BuildingBlocks.Http.ShopperId.New();
            var side = await CheckoutRouteOfAsync(id) == "modular" ? modular : legacy;
            if (side.Count < count)
            {
                side.Add(id);
            }
        }

        return legacy.Count == count && modular.Count == count
            ? (legacy, modular)
            : throw new InvalidOperationException($"found only {legacy.Count} legacy and {modular.Count} modular shoppers in 30 s");
    }

    public virtual async Task DisposeAsync()
    {
        await ProxyB.DisposeAsync();
        await ProxyA.DisposeAsync();
        await Host.DisposeAsync();
        await Legacy.DisposeAsync();
        await Registry.DisposeAsync();
        await Database.DisposeAsync();
    }
}
