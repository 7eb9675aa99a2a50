namespace CloudScale.Testing;

/// <summary>
/// Stages and inspects rows of the <c>legacy</c> schema directly, for arranging scarce stock and for asserting
/// what really reached the database (not just what the API said).
/// </summary>
public sealed class LegacyData(TestDatabase database)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<Guid> handedOut = [];

    /// <summary>A demo product no other test of this fixture has used, with its stock set to <paramref name="onHand"/>.</summary>
    public async Task<string> TakeProductAsync(int onHand)
    {
        await gate.WaitAsync();
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT product_id FROM legacy.products ORDER BY sku");
            await using var reader = await command.ExecuteReaderAsync();
            Guid? free = null;
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                if (handedOut.Add(id))
                {
                    free = id;
                    break;
                }
            }

            var productId = free ?? throw new InvalidOperationException("The fixture ran out of demo products; seed more.");
            await database.ExecuteAsync(
                "UPDATE legacy.stock_levels SET on_hand = @onHand, reserved = 0 WHERE product_id = @productId",
                ("onHand", onHand), ("productId", productId));
            return productId.ToString();
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<int> OnHandAsync(string productId) =>
        await database.ScalarAsync<int>("SELECT on_hand FROM legacy.stock_levels WHERE product_id = @id", ("id", Guid.Parse(productId)));

    public async Task<long> CountAsync(string table, string where = "true", params (string Name, object Value)[] parameters) =>
        await database.ScalarAsync<long>($"SELECT count(*) FROM legacy.{table} WHERE {where}", parameters);

    public async Task<int> CartQuantityAsync(string cartId) =>
        await database.ScalarAsync<int>("SELECT coalesce(sum(quantity), 0)::int FROM legacy.cart_items WHERE cart_id = @id", ("id", Guid.Parse(cartId)));
}
