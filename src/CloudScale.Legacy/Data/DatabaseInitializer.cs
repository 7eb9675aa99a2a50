using CloudScale.BuildingBlocks.Control;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CloudScale.Legacy.Data;

/// <summary>
/// Migrates and seeds before the app serves traffic: hosted services finish starting before Kestrel accepts a
/// request, so a failure stops the process with the reason in the log instead of serving a half-made schema.
/// The control schema is ensured too, so the stock owner can be read (and fenced) from the first request.
/// </summary>
internal sealed class DatabaseInitializer(
    NpgsqlDataSource dataSource,
    SchemaMigrator migrator,
    DemoCatalog catalog,
    IOptions<LegacyOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        await ControlPlaneSchema.EnsureAsync(dataSource, cancellationToken);

        if (options.Value.SeedDemoData)
        {
            await catalog.SeedIfEmptyAsync(options.Value.DemoProductCount, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
