using CloudScale.Legacy.Data;
using CloudScale.Testing;

namespace CloudScale.Legacy.Tests;

public sealed class SchemaMigrationTests
{
    private static readonly string[] LegacyTables =
    [
        "shoppers", "products", "stock_levels", "carts", "cart_items", "orders", "order_lines", "payments",
        "payment_methods", "checkout_sessions", "idempotency_keys", "schema_migrations",
        "stock_reservations", "stock_reservation_lines", "pending_stock_commits",
    ];

    [Fact]
    public async Task A_fresh_database_gets_every_legacy_table_and_a_second_start_applies_nothing()
    {
        await using var database = await TestDatabase.CreateAsync("migrate");
        await using (await LoopbackApp.StartAsync(LegacyApp.Create(LegacyFixture.Settings(database))))
        {
        }

        var tables = await database.ScalarAsync<string>(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'legacy'");
        Assert.Equal(LegacyTables.Order(), tables!.Split(','));
        var applied = await database.ScalarAsync<long>("SELECT count(*) FROM legacy.schema_migrations");
        Assert.Equal(SchemaMigrator.Scripts.Count, applied);
        // The control plane is ensured at start too, with legacy owning stock until a cutover says otherwise.
        Assert.Equal("legacy", await database.ScalarAsync<string>("SELECT owner FROM control.data_owners WHERE domain = 'stock'"));
        var firstAppliedAt = await database.ScalarAsync<DateTime>("SELECT max(applied_at) FROM legacy.schema_migrations");

        await using (var again = await LoopbackApp.StartAsync(LegacyApp.Create(LegacyFixture.Settings(database))))
        {
            using var client = again.CreateClient();
            Assert.Equal("ready", (await new ShopperApiClient(client).GetAsync("/readyz")).Str("status"));
        }

        Assert.Equal(applied, await database.ScalarAsync<long>("SELECT count(*) FROM legacy.schema_migrations"));
        Assert.Equal(firstAppliedAt, await database.ScalarAsync<DateTime>("SELECT max(applied_at) FROM legacy.schema_migrations"));
        Assert.Equal(LegacyFixture.DemoProducts, await database.ScalarAsync<long>("SELECT count(*) FROM legacy.products"));
    }

    [Fact]
    public async Task Startup_stops_naming_the_script_when_an_applied_migration_was_edited()
    {
        await using var database = await TestDatabase.CreateAsync("tamper");
        await using (await LoopbackApp.StartAsync(LegacyApp.Create(LegacyFixture.Settings(database))))
        {
        }

        var first = SchemaMigrator.Scripts[0].Version;
        await database.ExecuteAsync("UPDATE legacy.schema_migrations SET checksum = 'edited' WHERE version = @v", ("v", first));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => LoopbackApp.StartAsync(LegacyApp.Create(LegacyFixture.Settings(database))));
        Assert.Contains(first, error.Message);
        Assert.Contains("changed after it was applied", error.Message);
    }
}
