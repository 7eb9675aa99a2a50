using CloudScale.DevStack.SchemaRegistry;
using CloudScale.Host;
using CloudScale.Legacy;
using CloudScale.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudScale.ContractTests.Targets;

/// <summary>
/// The modular host over its own database (the three module schemas), with the legacy monolith beside it as the
/// catalog it reads products from, the Kafka dev broker and a schema registry stand-in for its outboxes, and Redis
/// for its cart cache. Stock lives in the Inventory module, so scenarios stock products there.
/// </summary>
public sealed class ModularTarget : ShopperApiTarget
{
    private TestDatabase modulesDatabase = null!;
    private LoopbackApp legacy = null!;
    private LoopbackApp registry = null!;
    private LoopbackApp host = null!;

    protected override LoopbackApp Api => host;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        modulesDatabase = await TestDatabase.CreateAsync("contract_modules");
        legacy = await LoopbackApp.StartAsync(LegacyApp.Create(LegacySettings(LegacyDatabase)));
        registry = await LoopbackApp.StartAsync(RegistryApp.Create(LoopbackApp.Args(
            ("ConnectionStrings:SchemaRegistry", modulesDatabase.ConnectionString), ("Logging:LogLevel:Default", "Warning"))));
        host = await LoopbackApp.StartAsync(HostApp.Create(HostSettings(modulesDatabase, legacy.BaseAddress, registry.BaseAddress),
            builder => builder.Services.AddSingleton<TimeProvider>(Clock)));
    }

    /// <summary>Everything the host needs, pointed at this fixture's servers.</summary>
    public static string[] HostSettings(TestDatabase database, Uri legacy, Uri registry) =>
        LoopbackApp.Args(ModularHostSettings.For(database, legacy, registry));

    public override async Task<string> ProductWithStockAsync(int onHand)
    {
        // The product comes from the legacy catalog; its stock on this side is the Inventory module's own.
        var productId = await TakeLegacyProductAsync(onHand);
        await modulesDatabase.ExecuteAsync("""
            INSERT INTO inventory.stock_items (product_id, on_hand, reserved, updated_at) VALUES (@id, @onHand, 0, now())
            ON CONFLICT (product_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = 0, updated_at = now()
            """, ("id", Guid.Parse(productId)), ("onHand", onHand));
        return productId;
    }

    public override async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await registry.DisposeAsync();
        await legacy.DisposeAsync();
        await modulesDatabase.DisposeAsync();
        await LegacyDatabase.DisposeAsync();
    }
}
