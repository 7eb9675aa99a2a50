using CloudScale.BuildingBlocks.Http;
using CloudScale.Testing;

namespace CloudScale.ContractTests.Targets;

/// <summary>One implementation of the shopper API, running on a real socket over real infrastructure.</summary>
public abstract class ShopperApiTarget : IAsyncLifetime
{
    /// <summary>Demo products seeded into the legacy catalog (both implementations read the catalog from legacy).</summary>
    public const int DemoProducts = 120;

    /// <summary>The clock both implementations run on; scenarios move it to reach expiry rules.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The legacy monolith's database: its catalog is the source of products for both implementations.</summary>
    protected TestDatabase LegacyDatabase { get; private set; } = null!;

    protected LegacyData Legacy { get; private set; } = null!;

    /// <summary>The app under test.</summary>
    protected abstract LoopbackApp Api { get; }

    public virtual async Task InitializeAsync()
    {
        LegacyDatabase = await TestDatabase.CreateAsync("contract_legacy");
        Legacy = new LegacyData(LegacyDatabase);
    }

    public abstract Task DisposeAsync();

    /// <summary>A client speaking for a new shopper.</summary>
    public ShopperApiClient NewShopper() => new(Api.CreateClient(), ShopperId.New());

    /// <summary>A client that sends no shopper id.</summary>
    public ShopperApiClient Anonymous() => new(Api.CreateClient());

    /// <summary>A catalog product no other scenario uses, stocked with <paramref name="onHand"/> units on this implementation.</summary>
    public abstract Task<string> ProductWithStockAsync(int onHand);

    protected Task<string> TakeLegacyProductAsync(int onHand) => Legacy.TakeProductAsync(onHand);

    protected static string[] LegacySettings(TestDatabase database) => LoopbackApp.Args(
        ("ConnectionStrings:Legacy", database.ConnectionString),
        ("Legacy:MigrateOnStartup", "true"),
        ("Legacy:SeedDemoData", "true"),
        ("Legacy:DemoProductCount", DemoProducts.ToString()),
        ("Logging:LogLevel:Default", "Warning"));
}
