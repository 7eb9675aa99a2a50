using CloudScale.BuildingBlocks.Http;
using CloudScale.Testing;
using Microsoft.AspNetCore.Builder;

namespace CloudScale.Legacy.Tests;

/// <summary>The legacy monolith on a real socket over its own fresh PostgreSQL database.</summary>
public class LegacyFixture : IAsyncLifetime
{
    public const int DemoProducts = 80;

    public TestDatabase Database { get; private set; } = null!;

    public LoopbackApp Legacy { get; private set; } = null!;

    public LegacyData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("legacy");
        Data = new LegacyData(Database);
        Legacy = await LoopbackApp.StartAsync(LegacyApp.Create(Settings(Database), Configure));
    }

    public static string[] Settings(TestDatabase database) => LoopbackApp.Args(
        ("ConnectionStrings:Legacy", database.ConnectionString),
        ("Legacy:MigrateOnStartup", "true"),
        ("Legacy:SeedDemoData", "true"),
        ("Legacy:DemoProductCount", DemoProducts.ToString()),
        ("Logging:LogLevel:Default", "Warning"));

    /// <summary>Adjusts the app before it is built (a variant fixture swaps a dependency here).</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    /// <summary>A client speaking for a new shopper.</summary>
    public ShopperApiClient NewShopper() => new(Legacy.CreateClient(), ShopperId.New());

    public async Task DisposeAsync()
    {
        await Legacy.DisposeAsync();
        await Database.DisposeAsync();
    }
}
