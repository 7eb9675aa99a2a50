using System.Net;
using CloudScale.BuildingBlocks.Http;
using CloudScale.Legacy;
using CloudScale.Proxy;
using CloudScale.Testing;

namespace CloudScale.EndToEnd;

/// <summary>
/// The walking skeleton as shoppers meet it: the strangler proxy in front of the legacy monolith, both on real
/// sockets, over a fresh PostgreSQL database.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public LegacyData Data { get; private set; } = null!;

    public LoopbackApp Legacy { get; private set; } = null!;

    public LoopbackApp Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("e2e");
        Data = new LegacyData(Database);
        Legacy = await LoopbackApp.StartAsync(LegacyApp.Create(LoopbackApp.Args(
            ("ConnectionStrings:Legacy", Database.ConnectionString),
            ("Legacy:MigrateOnStartup", "true"),
            ("Legacy:SeedDemoData", "true"),
            ("Legacy:DemoProductCount", "60"),
            ("Logging:LogLevel:Default", "Warning"))));
        Proxy = await LoopbackApp.StartAsync(ProxyApp.Create(LoopbackApp.Args(
            ("ReverseProxy:Clusters:legacy:Destinations:primary:Address", Legacy.BaseAddress.ToString()),
            ("Logging:LogLevel:Default", "Warning"))));
    }

    /// <summary>A shopper who identifies with <c>X-Shopper-Id</c>, talking to the proxy.</summary>
    public ShopperApiClient NewShopper() => new(Proxy.CreateClient(), ShopperId.New());

    /// <summary>An anonymous shopper with a cookie jar, as a browser would be.</summary>
    public (ShopperApiClient Client, CookieContainer Cookies) NewBrowser()
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = Proxy.BaseAddress };
        return (new ShopperApiClient(http), cookies);
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Legacy.DisposeAsync();
        await Database.DisposeAsync();
    }
}
