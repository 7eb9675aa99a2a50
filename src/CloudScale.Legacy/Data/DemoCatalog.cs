using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Data;

/// <summary>
/// The demo catalog: deterministic products (same ids, names and prices on every machine) with stock, every
/// seventh product scarce (1–5 units) so races for the last units are easy to stage.
/// </summary>
internal sealed class DemoCatalog(NpgsqlDataSource dataSource, ILogger<DemoCatalog> logger)
{
    private static readonly string[] Adjectives =
    [
        "Arctic", "Brisk", "Cobalt", "Dusky", "Ember", "Fjord", "Granite", "Harbor", "Indigo", "Juniper",
        "Kestrel", "Lumen", "Meadow", "Nimbus", "Onyx", "Prairie", "Quartz", "Russet", "Sierra", "Tundra",
    ];

    private static readonly string[] Nouns =
    [
        "Backpack", "Kettle", "Lantern", "Notebook", "Headphones", "Sneakers", "Jacket", "Thermos", "Desk Lamp",
        "Water Bottle", "Keyboard", "Umbrella", "Wallet", "Scarf", "Mug",
    ];

    /// <summary>Seeds <paramref name="count"/> products with stock when the catalog is empty; returns how many it added.</summary>
    public async Task<int> SeedIfEmptyAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Serialises concurrent first starts; the count check below then sees the winner's rows.
        await connection.ExecuteAsync("LOCK TABLE legacy.products IN SHARE ROW EXCLUSIVE MODE", transaction: transaction);
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM legacy.products", transaction: transaction) > 0)
        {
            return 0;
        }

        var products = Generate(count).ToList();
        await connection.ExecuteAsync("""
            INSERT INTO legacy.products (product_id, sku, name, description, price_cents, currency)
            VALUES (@ProductId, @Sku, @Name, @Description, @PriceCents, 'USD')
            """, products, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO legacy.stock_levels (product_id, on_hand) VALUES (@ProductId, @OnHand)", products, transaction);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} demo products", products.Count);
        return products.Count;
    }

    internal static IEnumerable<DemoProduct> Generate(int count)
    {
        var random = new Random(20261121);
        for (var i = 1; i <= count; i++)
        {
            var idBytes = new byte[16];
            random.NextBytes(idBytes);
            idBytes[7] = (byte)((idBytes[7] & 0x0F) | 0x40); // version 4 layout, so the ids look like any other UUID
            idBytes[8] = (byte)((idBytes[8] & 0x3F) | 0x80);
            var adjective = Adjectives[random.Next(Adjectives.Length)];
            var noun = Nouns[random.Next(Nouns.Length)];
            var price = (random.Next(5, 400) * 100) - 1;
            var onHand = i % 7 == 0 ? random.Next(1, 6) : random.Next(20, 201);
            yield return new DemoProduct(
                new Guid(idBytes),
                $"SKU-{i:D5}",
                $"{adjective} {noun} {i}",
                $"The {adjective.ToLowerInvariant()} {noun.ToLowerInvariant()}, model {i}.",
                price,
                onHand);
        }
    }

    internal sealed record DemoProduct(Guid ProductId, string Sku, string Name, string Description, long PriceCents, int OnHand);
}
