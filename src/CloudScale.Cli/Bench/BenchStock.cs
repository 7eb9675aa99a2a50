using System.Net.Http.Json;
using System.Text.Json;
using CloudScale.Cli.Components;
using Npgsql;

namespace CloudScale.Cli.Bench;

/// <summary>
/// Gives the benchmark's products more stock than any run can sell, on both sides (the legacy monolith's stock and the
/// Inventory module's own), so both implementations do the same work: every journey succeeds, none runs out.
/// </summary>
internal static class BenchStock
{
    public const int Products = 20;
    private const int Plenty = 10_000_000;

    public static async Task<IReadOnlyList<string>> StockPlentyAsync(HttpClient client, Uri legacy, PostgresComponent postgres, CancellationToken cancellationToken)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(new Uri(legacy, $"api/v1/products?pageSize={Products}"), cancellationToken);
        var ids = page.GetProperty("items").EnumerateArray().Select(p => Guid.Parse(p.GetProperty("productId").GetString()!)).ToArray();
        await using var connection = new NpgsqlConnection(postgres.ConnectionString(PostgresComponent.AppDatabase, includePassword: true));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE legacy.stock_levels SET on_hand = @plenty, reserved = 0, updated_at = now() WHERE product_id = ANY(@ids);
            INSERT INTO inventory.stock_items (product_id, on_hand, reserved, updated_at)
            SELECT id, @plenty, 0, now() FROM unnest(@ids) AS id
            ON CONFLICT (product_id) DO UPDATE SET on_hand = @plenty + inventory.stock_items.reserved, updated_at = now();
            """, connection);
        command.Parameters.AddWithValue("plenty", Plenty);
        command.Parameters.AddWithValue("ids", ids);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ids.Select(id => id.ToString()).ToList();
    }
}
