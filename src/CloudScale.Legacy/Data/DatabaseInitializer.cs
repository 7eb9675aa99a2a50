using Microsoft.Extensions.Options;

namespace CloudScale.Legacy.Data;

/// <summary>
/// Migrates and seeds before the app serves traffic: hosted services finish starting before Kestrel accepts a
/// request, so a failure stops the process with the reason in the log instead of serving a half-made schema.
/// </summary>
internal sealed class DatabaseInitializer(
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

        if (options.Value.SeedDemoData)
        {
            await catalog.SeedIfEmptyAsync(options.Value.DemoProductCount, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
