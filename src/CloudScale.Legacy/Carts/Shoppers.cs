using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Carts;

/// <summary>The monolith records every shopper id it sees the first time it writes something for it.</summary>
internal static class Shoppers
{
    public static Task EnsureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string? shopperId) =>
        shopperId is null
            ? Task.CompletedTask
            : connection.ExecuteAsync(
                "INSERT INTO legacy.shoppers (shopper_id) VALUES (@shopperId) ON CONFLICT DO NOTHING", new { shopperId }, transaction);
}
