using Npgsql;

namespace CloudScale.DevStack.SchemaRegistry;

/// <summary>
/// A stand-in for Confluent Schema Registry, for dev and tests only (production runs the real one): the REST
/// endpoints serializers and operators use, Confluent's error codes, compatibility levels, ids kept in PostgreSQL.
/// </summary>
public static class RegistryApp
{
    public const string ConnectionStringName = "SchemaRegistry";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
                               ?? throw new InvalidOperationException(
                                   $"ConnectionStrings:{ConnectionStringName} is not set; the registry keeps its schemas in PostgreSQL.");
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<RegistryStore>();
        builder.Services.AddSingleton<RegistryService>();
        builder.Services.AddHostedService<StoreInitializer>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (RegistryException ex) when (!context.Response.HasStarted)
            {
                await ReplyErrorAsync(context, ex.Status, ex.ErrorCode, ex.Message);
            }
            catch (NpgsqlException ex) when (!context.Response.HasStarted)
            {
                context.RequestServices.GetRequiredService<ILogger<RegistryStore>>().LogError(ex, "Schema store failed");
                await ReplyErrorAsync(context, 500, RegistryErrors.StoreError, "Error in the backend data store");
            }
        });
        app.MapGet("/healthz", () => Results.Json(new { status = "alive" }));
        app.MapGet("/readyz", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            try
            {
                await using var command = db.CreateCommand("SELECT count(*) FROM schema_registry.schemas");
                await command.ExecuteScalarAsync(ct);
                return Results.Json(new { status = "ready" });
            }
            catch (NpgsqlException ex)
            {
                return Results.Json(new { status = "unready", reason = ex.Message }, statusCode: 503);
            }
        });
        app.MapRegistryEndpoints();
        return app;
    }

    private static async Task ReplyErrorAsync(HttpContext context, int status, int errorCode, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new ErrorReply(errorCode, message), RegistryJson.Options, RegistryEndpoints.ContentType);
    }

    /// <summary>Creates the registry's tables before serving (host startup awaits it).</summary>
    internal sealed class StoreInitializer(RegistryStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.EnsureCreatedAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed record ErrorReply(
        [property: System.Text.Json.Serialization.JsonPropertyName("error_code")] int ErrorCode,
        string Message);
}
