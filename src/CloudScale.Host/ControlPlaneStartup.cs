using CloudScale.BuildingBlocks.Control;
using CloudScale.BuildingBlocks.Modules;
using Npgsql;

namespace CloudScale.Host;

/// <summary>
/// Creates whatever of the control schema is missing (the stock owner row above all) in the modules' database before
/// the modules migrate or serve: Inventory routes every stock call by that row, so it must exist before the first one.
/// Registered ahead of every other hosted service, so it runs first.
/// </summary>
internal sealed class ControlPlaneStartup(IConfiguration configuration, ILogger<ControlPlaneStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Inventory's connection: the one its stock ownership reads and fence run on.
        await using var dataSource = NpgsqlDataSource.Create(ModuleServiceCollectionExtensions.ModuleConnectionString(configuration, "Inventory"));
        await ControlPlaneSchema.EnsureAsync(dataSource, cancellationToken);
        logger.LogDebug("Control plane schema ensured");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
