using Dapper;
using Npgsql;

namespace CloudScale.Legacy.Data;

internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Json(new Dictionary<string, string> { ["status"] = "alive" }));
        app.MapGet("/readyz", async (NpgsqlDataSource dataSource, CancellationToken ct) =>
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await connection.ExecuteScalarAsync<int>("SELECT 1");
                return Results.Json(new Dictionary<string, string> { ["status"] = "ready" });
            }
            catch (NpgsqlException ex)
            {
                return Results.Json(new Dictionary<string, string> { ["status"] = "unready", ["reason"] = ex.Message }, statusCode: 503);
            }
        });
    }
}
