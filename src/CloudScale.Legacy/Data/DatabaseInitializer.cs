using Microsoft.Extensions.Options;

namespace CloudScale.Legacy.Data;

/// <summary>Readiness of the database: set once migrations (and seeding) are done.</summary>
internal sealed class DatabaseReadiness
{
    private volatile bool ready;

    public bool IsReady => ready;

    public void MarkReady() => ready = true;
}

/// <summary>
/// Migrates and seeds before the app serves traffic. Host startup awaits it, so a failure stops the process
/// with the reason in the log instead of serving against a half-made schema.
/// </summary>
internal sealed class DatabaseInitializer(
    SchemaMigrator migrator,
    DemoCatalog catalog,
    DatabaseReadiness readiness,
    IOptions<LegacyOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        if (options.Value.SeedDemoData)
        {
            await catalog.SeedIfEmptyAsync(options.Value.DemoProductCount, cancellationToken);
        }

        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
