using CloudScale.BuildingBlocks.Modules;
using Npgsql;

namespace CloudScale.Host.ShopperApi;

internal static class HostHealthEndpoints
{
    public static void MapHostHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Json(new Dictionary<string, string> { ["status"] = "alive" }));
        // Ready when the modules' database answers (all three modules share it, each in its own schema).
        var connectionString = ModuleServiceCollectionExtensions.ModuleConnectionString(app.Configuration, "Checkout");
        app.MapGet("/readyz", async (CancellationToken ct) =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(ct);
                return Results.Json(new Dictionary<string, string> { ["status"] = "ready" });
            }
            catch (NpgsqlException ex)
            {
                return Results.Json(new Dictionary<string, string> { ["status"] = "unready", ["reason"] = ex.Message }, statusCode: 503);
            }
        });
    }
}
