using CloudScale.BuildingBlocks.Modules;
using CloudScale.Inventory.Application.Reservations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudScale.Inventory.Infrastructure.Expiry;

/// <summary>
/// Every <c>Inventory:SweepInterval</c>, expires the holds past their expiry, one batch per transaction, until none
/// is left. Several hosts may sweep at once: each skips the rows another has locked.
/// </summary>
internal sealed class ReservationExpirySweeper(
    IServiceScopeFactory scopes, IOptions<InventoryOptions> options, TimeProvider clock, ILogger<ReservationExpirySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a sweep changes nothing it did not finish.
                logger.LogWarning(ex, "Reservation expiry sweep failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep; answers how many reservations expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.SweepBatchSize;
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var expired = await scope.ServiceProvider.GetRequiredService<ModuleMediator<InventoryDbContext>>()
                .Send(new ExpireDueReservations(batchSize), cancellationToken);
            total += expired;
            if (expired < batchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            logger.LogInformation("Expired {Count} reservations past their hold time", total);
        }

        return total;
    }
}
